using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;

namespace Slim.Pipeline.Probes;

/// <summary>
/// Turns an OpenAPI 3 or Swagger 2 document (JSON or YAML, read with Microsoft.OpenApi) into the
/// requests a client of the API would make without changing anything: each GET and HEAD operation,
/// with path and required query parameters filled from the document's own examples, enums and
/// defaults, else a plain value of the parameter's type. Paths are taken under the first server's path.
/// </summary>
public static partial class ApiDescription
{
    [GeneratedRegex("""^["']?(openapi|swagger)["']?\s*:""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex YamlVersionKey();

    [GeneratedRegex(@"\{([^{}]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PathTemplate();

    /// <summary>True when <paramref name="text"/> is a JSON object or a YAML mapping with a top-level "openapi" or "swagger" key.</summary>
    public static bool LooksLikeOne(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            return HasJsonVersionKey(text);
        }

        return YamlVersionKey().IsMatch(text);
    }

    /// <param name="documentUri">Where the document came from: relative server URLs resolve against it.</param>
    /// <param name="root">The app's root: operations go to its origin, whatever host the document names.</param>
    /// <param name="everyMethod">Every operation (`--http-probe-full`), not only the GET and HEAD ones that change nothing.</param>
    public static IReadOnlyList<ApiRequest> Requests(string text, Uri documentUri, Uri root, bool everyMethod = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(documentUri);
        ArgumentNullException.ThrowIfNull(root);
        var requests = new List<ApiRequest>();
        var document = LooksLikeOne(text) ? Read(text) : null;
        if (document?.Paths is null)
        {
            return requests;
        }

        foreach (var (template, item) in document.Paths)
        {
            if (item.Operations is null)
            {
                continue;
            }

            foreach (var method in everyMethod ? AllMethods : [HttpMethod.Get, HttpMethod.Head])
            {
                if (!item.Operations.TryGetValue(method, out var operation))
                {
                    continue;
                }

                var basePath = ServerPath(operation.Servers ?? item.Servers ?? document.Servers, documentUri);
                var parameters = Merge(item.Parameters, operation.Parameters);
                if (Target(basePath, template, parameters) is { } target && Uri.TryCreate(root, target, out var uri) && LinkResolution.SameOrigin(uri, root))
                {
                    requests.Add(new ApiRequest(method.Method, uri));
                }
            }
        }

        return requests;
    }

    private static readonly HttpMethod[] AllMethods =
        [HttpMethod.Get, HttpMethod.Head, HttpMethod.Options, HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete];

    private static OpenApiDocument? Read(string text)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var format = text.AsSpan().TrimStart("\uFEFF \t\r\n").StartsWith("{") ? OpenApiConstants.Json : OpenApiConstants.Yaml;
        try
        {
            return OpenApiDocument.Parse(text, format, settings).Document;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The reader throws several kinds for documents it cannot read; any of them means no operations.
            return null;
        }
    }

    private static bool HasJsonVersionKey(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF')), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("openapi"u8) || reader.ValueTextEquals("swagger"u8))
                {
                    return true;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
        }

        return false;
    }

    /// <summary>The path part of the first server: "/api/v1" of "https://host/api/v1" (after its variables' defaults), "" when none.</summary>
    private static string ServerPath(IList<OpenApiServer>? servers, Uri documentUri)
    {
        if (servers is not { Count: > 0 } || servers[0].Url is not { Length: > 0 } url)
        {
            return string.Empty;
        }

        foreach (var (name, variable) in servers[0].Variables ?? new Dictionary<string, OpenApiServerVariable>())
        {
            url = url.Replace("{" + name + "}", variable.Default ?? string.Empty, StringComparison.Ordinal);
        }

        return Uri.TryCreate(documentUri, url, out var server) ? server.AbsolutePath.TrimEnd('/') : string.Empty;
    }

    /// <summary>Path-item parameters, overridden by the operation's own of the same name and place.</summary>
    private static List<IOpenApiParameter> Merge(IList<IOpenApiParameter>? shared, IList<IOpenApiParameter>? own)
    {
        var merged = new List<IOpenApiParameter>(own ?? []);
        foreach (var parameter in shared ?? [])
        {
            if (!merged.Any(p => p.Name == parameter.Name && p.In == parameter.In))
            {
                merged.Add(parameter);
            }
        }

        return merged;
    }

    private static string? Target(string basePath, string template, List<IOpenApiParameter> parameters)
    {
        var missing = false;
        var path = PathTemplate().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            var parameter = parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == name);
            var value = parameter is null ? "1" : ApiParameterValue.For(parameter);
            missing |= value is null;
            return Uri.EscapeDataString(value ?? string.Empty);
        });
        if (missing)
        {
            return null;
        }

        var query = new StringBuilder();
        foreach (var parameter in parameters.Where(p => p.In == ParameterLocation.Query && p.Required && p.Name is { Length: > 0 }))
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(parameter.Name!)).Append('=')
                .Append(Uri.EscapeDataString(ApiParameterValue.For(parameter) ?? string.Empty));
        }

        return basePath + (path.StartsWith('/') ? path : "/" + path) + query;
    }
}
