using Slim.Rebuild.Seccomp;
using Slim.Testing;

namespace Slim.Rebuild.Tests.Seccomp;

public sealed class SeccompProfileTests
{
    [Fact]
    public void The_profile_allows_the_traced_calls_and_the_runtime_floor_sorted_and_once()
    {
        var profile = SeccompProfileBuilder.FromTrace(["write", "openat", "write", "getrandom"]);

        var names = Assert.Single(profile.Syscalls).Names;
        Assert.Equal(SeccompProfile.ErrnoAction, profile.DefaultAction);
        Assert.Contains("getrandom", names);
        Assert.Contains("fstatfs", names); // runc checks /proc/self/fd after loading the filter
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Distinct(), names);
    }

    [Fact]
    public void The_json_is_what_docker_reads()
    {
        var json = SeccompProfileJson.Serialize(SeccompProfileBuilder.FromTrace(["read"]));

        Assert.Contains("\"defaultAction\": \"SCMP_ACT_ERRNO\"", json, StringComparison.Ordinal);
        Assert.Contains("\"SCMP_ARCH_X86_64\"", json, StringComparison.Ordinal);
        Assert.Contains("\"action\": \"SCMP_ACT_ALLOW\"", json, StringComparison.Ordinal);
        Assert.Equal(SeccompProfileJson.Deserialize(json)!.Syscalls[0].Names, SeccompProfileBuilder.FromTrace(["read"]).Syscalls[0].Names);
    }
}

/// <summary>The runtime floor, proven by the engine: a container starts under it, and a call outside it is refused.</summary>
[Integration]
[Collection(RebuildEngineCollection.Name)]
public sealed class SeccompProfileEngineTests(DockerEngineFixture engine)
{
    [Fact]
    public async Task A_static_binary_starts_under_the_floor_and_a_call_outside_it_is_refused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"slim-seccomp-{Guid.NewGuid():N}.json");
        try
        {
            // busybox's `true` needs nothing beyond the runtime floor; mkdir(2) is not in it.
            await File.WriteAllTextAsync(file, SeccompProfileJson.Serialize(SeccompProfileBuilder.FromTrace([])));

            var ok = await Docker.RunAsync("run", "--rm", "--security-opt", $"seccomp={file}", engine.BusyboxBase, "true");
            var refused = await Docker.RunAsync("run", "--rm", "--security-opt", $"seccomp={file}", engine.BusyboxBase, "mkdir", "/made-here");

            Assert.True(ok.Succeeded, ok.ToString());
            Assert.False(refused.Succeeded, refused.ToString());
            Assert.Contains("Operation not permitted", refused.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
