using Slim.Pipeline.Compose;

namespace Slim.Pipeline.Tests.Compose;

/// <summary>Which services start before the target, and in what order.</summary>
public sealed class DependencyOrderTests
{
    private const string Stack = """
        services:
          web:
            image: web
            depends_on:
              api: {condition: service_started}
              kv: {condition: service_healthy}
          api:
            image: api
            depends_on: [db, migrate]
          migrate:
            image: migrate
            depends_on: [db]
          db: {image: db}
          kv: {image: kv}
          unrelated: {image: other}
        """;

    private static ComposeFile File(string yaml = Stack) => ComposeFileReader.Parse(yaml, "compose.yaml", "/tmp", _ => null);

    private static List<string> Order(string target, string[]? include = null, string[]? exclude = null, string yaml = Stack) =>
        DependencyOrder.For(File(yaml), target, include ?? [], exclude ?? []).Dependencies.Select(s => s.Name).ToList();

    [Fact]
    public void Every_service_starts_after_what_it_depends_on_and_only_what_the_target_needs_starts() =>
        Assert.Equal(["db", "migrate", "api", "kv"], Order("web"));

    [Fact]
    public void A_service_with_no_dependencies_starts_alone() => Assert.Empty(Order("db"));

    [Fact]
    public void Included_services_replace_the_targets_own_with_what_they_need() =>
        Assert.Equal(["db", "migrate", "unrelated"], Order("web", include: ["migrate", "unrelated"]));

    [Fact]
    public void Excluded_services_are_not_started() =>
        Assert.Equal(["db", "api", "kv"], Order("web", exclude: ["migrate"]));

    [Fact]
    public void The_target_is_never_its_own_dependency() =>
        Assert.Equal(["db"], Order("migrate", include: ["migrate", "db"]));

    [Fact]
    public void A_cycle_is_named_with_its_path()
    {
        var refused = Assert.Throws<ComposeException>(() => Order("a", yaml: "services:\n  a: {image: a, depends_on: [b]}\n  b: {image: b, depends_on: [c]}\n  c: {image: c, depends_on: [a]}\n"));

        Assert.Equal("compose.yaml: services.c.depends_on: a dependency cycle: a -> b -> c -> a", refused.Message);
    }

    [Fact]
    public void A_missing_target_names_the_services_there_are()
    {
        var refused = Assert.Throws<ComposeException>(() => Order("wbe"));

        Assert.Equal("compose.yaml: services.wbe: no such service (the file has web, api, migrate, db, kv, unrelated)", refused.Message);
    }

    [Theory]
    [InlineData(true, "--dep-include-compose-svc nope: no service 'nope' in compose.yaml")]
    [InlineData(false, "--dep-exclude-compose-svc nope: no service 'nope' in compose.yaml")]
    public void A_missing_included_or_excluded_service_is_bad_input(bool include, string message)
    {
        var refused = Assert.Throws<ComposeException>(() => Order("web", include: include ? ["nope"] : null, exclude: include ? null : ["nope"]));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void A_dependency_with_build_only_cannot_be_started()
    {
        var refused = Assert.Throws<ComposeException>(() => Order("web", yaml: "services:\n  web: {image: w, depends_on: [db]}\n  db: {build: ./db}\n"));

        Assert.Equal("compose.yaml: services.db: has build: but no image: (slim does not build images; build it and name it with image:)", refused.Message);
    }
}
