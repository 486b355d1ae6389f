using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Tests.Probes;

public sealed class ApiDescriptionTests
{
    private static readonly Uri Root = new("http://127.0.0.1:8080/");

    private static List<string> Requests(string document, string at = "/openapi.json") =>
        ApiDescription.Requests(document, new Uri(Root, at), Root).Select(r => $"{r.Method} {r.Uri.PathAndQuery}").ToList();

    [Fact]
    public void OpenApi_3_get_operations_become_requests_with_their_parameters_filled()
    {
        const string document = """
            {
              "openapi": "3.0.3",
              "info": { "title": "pets", "version": "1" },
              "servers": [ { "url": "/api/v1" } ],
              "paths": {
                "/pets": {
                  "get": { "parameters": [
                    { "name": "limit", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 5 } },
                    { "name": "tag", "in": "query", "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok" } } },
                  "post": { "responses": { "201": { "description": "made" } } }
                },
                "/pets/{petId}": {
                  "parameters": [ { "name": "petId", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                  "get": { "responses": { "200": { "description": "ok" } } },
                  "delete": { "responses": { "204": { "description": "gone" } } }
                },
                "/owners/{name}/pets/{kind}": {
                  "get": { "parameters": [
                    { "name": "name", "in": "path", "required": true, "example": "ann lee", "schema": { "type": "string" } },
                    { "name": "kind", "in": "path", "required": true, "schema": { "type": "string", "enum": [ "cat", "dog" ] } } ],
                    "responses": { "200": { "description": "ok" } } }
                },
                "/since/{day}": {
                  "get": { "parameters": [ { "name": "day", "in": "path", "required": true, "schema": { "type": "string", "format": "date" } },
                    { "name": "flag", "in": "query", "required": true, "schema": { "type": "boolean", "default": false } } ],
                    "responses": { "200": { "description": "ok" } } },
                  "head": { "parameters": [ { "name": "day", "in": "path", "required": true, "schema": { "type": "string", "example": "2020-02-02" } } ],
                    "responses": { "200": { "description": "ok" } } }
                }
              }
            }
            """;

        Assert.Equal(
            [
                "GET /api/v1/pets?limit=5",
                "GET /api/v1/pets/1",
                "GET /api/v1/owners/ann%20lee/pets/cat",
                "GET /api/v1/since/2024-01-01?flag=false",
                "HEAD /api/v1/since/2020-02-02",
            ],
            Requests(document));
    }

    [Fact]
    public void Swagger_2_operations_are_read_under_the_base_path()
    {
        const string document = """
            {
              "swagger": "2.0",
              "info": { "title": "store", "version": "1" },
              "host": "localhost:9999",
              "basePath": "/v2",
              "paths": {
                "/store/inventory": { "get": { "responses": { "200": { "description": "ok" } } } },
                "/store/order/{orderId}": { "get": { "parameters": [
                  { "name": "orderId", "in": "path", "required": true, "type": "integer", "default": 7 } ],
                  "responses": { "200": { "description": "ok" } } } },
                "/user/{username}": { "get": { "parameters": [
                  { "name": "username", "in": "path", "required": true, "type": "string" },
                  { "name": "status", "in": "query", "required": true, "type": "string", "enum": [ "available", "sold" ] } ],
                  "responses": { "200": { "description": "ok" } } },
                  "put": { "responses": { "200": { "description": "ok" } } } }
              }
            }
            """;

        Assert.Equal(["GET /v2/store/inventory", "GET /v2/store/order/7", "GET /v2/user/1?status=available"], Requests(document, "/swagger.json"));
    }

    [Fact]
    public void Yaml_documents_are_read_too()
    {
        const string document = """
            openapi: 3.1.0
            info: { title: t, version: "1" }
            paths:
              /health:
                get:
                  responses: { "200": { description: ok } }
              /items/{id}:
                get:
                  parameters:
                    - { name: id, in: path, required: true, schema: { type: string, format: uuid } }
                  responses: { "200": { description: ok } }
            """;

        Assert.True(ApiDescription.LooksLikeOne(document));
        Assert.Equal(["GET /health", "GET /items/00000000-0000-0000-0000-000000000001"], Requests(document, "/openapi.yaml"));
    }

    [Fact]
    public void A_server_url_with_variables_gives_their_defaults_path()
    {
        const string document = """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
             "servers": [{"url": "{scheme}://api.example/{base}", "variables": {"scheme": {"default": "https"}, "base": {"default": "svc"}}}],
             "paths": {"/x": {"get": {"responses": {"200": {"description": "ok"}}}}}}
            """;

        Assert.Equal(["GET /svc/x"], Requests(document));
    }

    [Theory]
    [InlineData("""{"openapi": "3.0.0"}""", true)]
    [InlineData("""{"info": {}, "swagger": "2.0"}""", true)]
    [InlineData("""{"items": [{"openapi": "nested"}]}""", false)]
    [InlineData("""["openapi"]""", false)]
    [InlineData("swagger: \"2.0\"\ninfo: {}", true)]
    [InlineData("name: openapi: no", false)]
    public void Api_documents_are_recognised_by_their_top_level_version_key(string text, bool expected) =>
        Assert.Equal(expected, ApiDescription.LooksLikeOne(text));

    [Fact]
    public void A_document_that_does_not_parse_gives_no_requests() => Assert.Empty(Requests("{\"openapi\": \"3.0.0\", \"paths\": "));
}
