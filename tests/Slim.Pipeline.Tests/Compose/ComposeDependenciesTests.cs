using Slim.Engine.Containers;
using Slim.Pipeline.Compose;
using Slim.Pipeline.Tests.Engine;

namespace Slim.Pipeline.Tests.Compose;

/// <summary>The target's dependencies against an engine in memory: what is made, in what order, what is waited for, and that all of it goes.</summary>
public sealed class ComposeDependenciesTests
{
    private const string Stack = """
        services:
          web:
            image: web
            volumes: [/cache]
            networks:
              front: {aliases: [www]}
              back:
            depends_on:
              kv: {condition: service_healthy}
              migrate: {condition: service_completed_successfully}
          kv:
            image: kv
            volumes: ["data:/data"]
            networks: [back]
          migrate:
            image: migrate
            networks:
              back: {aliases: [schema]}
        networks:
          front:
          back:
          corp: {external: true, name: corp-net}
        volumes:
          data:
        """;

    private static ComposeTarget Target(string yaml = Stack) =>
        DependencyOrder.For(ComposeFileReader.Parse(yaml, "compose.yaml", "/tmp", _ => null), "web", [], []);

    private static FakeContainerEngine Engine(string? kvHealth = "healthy", long? migrateExit = 0) => new()
    {
        Behaviour = spec => spec.Image switch
        {
            "kv" => new FakeBehaviour { ExitsWith = null, Health = kvHealth, Stdout = "kv: ready\n" },
            "migrate" => new FakeBehaviour { ExitsWith = migrateExit, Stdout = "migrate: done\n" },
            _ => new FakeBehaviour(),
        },
    };

    private static async Task<ComposeDependencies> StartAsync(FakeContainerEngine engine, ComposeTarget target, CancellationToken cancellationToken = default) =>
        await ComposeDependencies.StartAsync(engine, target, keep: false, _ => { }, cancellationToken);

    [Fact]
    public async Task Dependencies_start_in_order_on_slims_networks_and_the_target_joins_them_with_its_aliases()
    {
        var engine = Engine();
        var dependencies = await StartAsync(engine, Target());
        var target = dependencies.ApplyTo(new ContainerSpec { Image = "web", Networks = ["user-net"], Binds = ["/host:/in"] });
        await dependencies.DisposeAsync();

        var created = engine.Created.Select(c => c.Spec).ToList();
        Assert.Equal(["kv", "migrate"], created.Select(s => s.Image));
        var networks = engine.Calls.Where(c => c.StartsWith("create-network ", StringComparison.Ordinal)).Select(c => c["create-network ".Length..]).ToList();
        Assert.Equal(2, networks.Count);
        var (front, back) = (networks.Single(n => n.EndsWith("-front", StringComparison.Ordinal)), networks.Single(n => n.EndsWith("-back", StringComparison.Ordinal)));
        Assert.StartsWith("slim-", back, StringComparison.Ordinal);
        Assert.Equal([back], created[0].Networks);
        Assert.Equal(["migrate", "schema"], created[1].NetworkAliases[back]);
        Assert.Equal(ComposeDependencies.Purpose, created[0].Labels[ContainerSession.Label]);
        Assert.Single(created[0].Binds, b => b.EndsWith("-data:/data", StringComparison.Ordinal));
        Assert.Equal([front, back, "user-net"], target.Networks);
        Assert.Equal(["web", "www"], target.NetworkAliases[front]);
        Assert.Equal(["web"], target.NetworkAliases[back]);
        Assert.Equal("/host:/in", target.Binds[0]);
        Assert.EndsWith("-web-0:/cache", target.Binds[1], StringComparison.Ordinal);
        // Everything made is gone: containers, the two volumes, the two networks (containers before the networks they are on).
        Assert.Equal(engine.Created.Select(c => c.Id).Order(), engine.Removed.Order());
        var calls = engine.Calls.ToList();
        Assert.Equal(2, calls.Count(c => c.StartsWith("create-volume ", StringComparison.Ordinal)));
        Assert.Equal(
            calls.Where(c => c.StartsWith("create-volume ", StringComparison.Ordinal)).Select(c => c["create-volume ".Length..]).Order(),
            calls.Where(c => c.StartsWith("remove-volume ", StringComparison.Ordinal)).Select(c => c["remove-volume ".Length..]).Order());
        Assert.Equal(networks.Order(), calls.Where(c => c.StartsWith("remove-network ", StringComparison.Ordinal)).Select(c => c["remove-network ".Length..]).Order());
        Assert.True(calls.FindLastIndex(c => c.StartsWith("remove c", StringComparison.Ordinal)) < calls.FindIndex(c => c.StartsWith("remove-network ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("unhealthy", 0L, "the compose service kv is unhealthy (its healthcheck failed); its last words: kv: ready")]
    [InlineData(null, 0L, "compose.yaml: services.web.depends_on.kv: service_healthy, but kv has no healthcheck (add healthcheck: to it)")]
    [InlineData("healthy", 3L, "the compose service migrate exited 3 (web waits for service_completed_successfully); its last words: migrate: done")]
    public async Task A_dependency_that_does_not_come_up_fails_the_run_and_everything_made_goes(string? health, long exit, string message)
    {
        var engine = Engine(health, exit);

        var failed = await Assert.ThrowsAsync<ComposeException>(() => StartAsync(engine, Target()));

        Assert.Equal(message, failed.Message);
        Assert.Equal(engine.Created.Select(c => c.Id).Order(), engine.Removed.Order());
        var calls = engine.Calls.ToList();
        Assert.Equal(calls.Count(c => c.StartsWith("create-network ", StringComparison.Ordinal)), calls.Count(c => c.StartsWith("remove-network ", StringComparison.Ordinal)));
        Assert.Equal(calls.Count(c => c.StartsWith("create-volume ", StringComparison.Ordinal)), calls.Count(c => c.StartsWith("remove-volume ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Cancelled_while_waiting_it_removes_what_it_made()
    {
        var engine = Engine(kvHealth: "starting");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StartAsync(engine, Target(), cancel.Token));

        // kv and migrate both started (web waits for them after): both go.
        Assert.Equal(2, engine.Created.Count);
        Assert.Equal(engine.Created.Select(c => c.Id).Order(), engine.Removed.Order());
        Assert.Equal(2, engine.Calls.Count(c => c.StartsWith("remove-network ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_external_network_is_joined_only_when_it_exists_and_never_removed()
    {
        const string yaml = "services:\n  web:\n    image: web\n    networks: [corp]\n    depends_on: [kv]\n  kv:\n    image: kv\n    networks: [corp]\nnetworks:\n  corp: {external: true, name: corp-net}\n";
        var missing = Engine();

        var refused = await Assert.ThrowsAsync<ComposeException>(() => StartAsync(missing, Target(yaml)));
        var engine = Engine();
        engine.Networks.Add("corp-net");
        var dependencies = await StartAsync(engine, Target(yaml));
        await dependencies.DisposeAsync();

        Assert.Equal("compose.yaml: networks.corp: the external network 'corp-net' does not exist in the engine", refused.Message);
        Assert.Equal(Trace.Errors.ErrorReason.BadInput, refused.Reason);
        Assert.Equal(["corp-net"], engine.Created.Single().Spec.Networks);
        Assert.DoesNotContain(engine.Calls, c => c.Contains("-network ", StringComparison.Ordinal) && !c.StartsWith("inspect-network", StringComparison.Ordinal));
    }
}
