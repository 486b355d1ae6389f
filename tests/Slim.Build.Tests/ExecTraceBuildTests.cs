using System.Text.Json;
using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// What an `--exec` command does is traced as the app is: its system calls are in the profile. The app here never
/// sleeps (it blocks on a fifo), so clock_nanosleep can only come from the exec'd `sleep`.
/// </summary>
[Integration]
[Collection(BuildEngineCollection.Name)]
public sealed class ExecTraceBuildTests(DockerEngineFixture engine, SlimBinary slim)
{
    [Fact]
    public async Task An_exec_commands_system_calls_are_in_the_profile()
    {
        await using var workspace = new BuildWorkspace();
        var build = await slim.RunAsync(workspace.Directory,
        [
            "build", "--target", engine.DebianBase, "--tag", workspace.NewTag("exec-trace"), "--harden=false", "--verify=false",
            "--entrypoint", "/bin/sh", "--cmd", """["-c", "mkfifo /tmp/f; read x < /tmp/f"]""",
            "--http-probe=false", "--continue-after", "exec", "--exec", "sleep 0.2; /bin/true",
        ]);

        Assert.True(build.Succeeded, build.ToString());
        var report = BuildReportFile.Load(workspace.PathOf("slim.report.json"));
        using var profile = JsonDocument.Parse(await File.ReadAllTextAsync(report.SeccompProfile));
        var allowed = profile.RootElement.GetProperty("syscalls").EnumerateArray()
            .SelectMany(s => s.GetProperty("names").EnumerateArray().Select(n => n.GetString()!)).ToList();
        Assert.Contains("clock_nanosleep", allowed);
        Assert.Empty(await TestResources.SlimContainersAsync());
    }
}
