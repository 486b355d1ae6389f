using Slim.Testing;
using Slim.Trace;

namespace Slim.Tracer.Tests.Integration;

/// <summary>
/// A script run as the command: the kernel opens its interpreter inside execve, so no path argument names it. The
/// report must still hold the interpreter as written (with the symlinks on the way) and the program that ran, with
/// fanotify and without it (then ptrace alone has to see it).
/// </summary>
[Integration]
[Collection(TracerCollection.Name)]
public sealed class ScriptInterpreterTests(TracerEnvironment environment) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("slim-scripts-").FullName;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_bin_sh_script_brings_its_interpreter_and_the_symlinks_to_it(bool fanotify)
    {
        var script = Script("sh-script.sh", "#!/bin/sh\necho from-sh-script\n");

        var run = await RunAsync(fanotify, [(script, "/sh-script.sh")], "/sh-script.sh");

        Assert.Contains("from-sh-script", run.Output, StringComparison.Ordinal);
        var sh = run.Report.File("/bin/sh");
        Assert.True(sh.Found);
        Assert.True(sh.TouchedBy(PathAccessKind.Exec, "execve"));
        Assert.Equal("/usr/bin/dash", sh.Target);
        run.Report.HasSymlink("/bin", "usr/bin");
        run.Report.HasSymlink("/usr/bin/sh", "dash");
        Assert.True(run.Report.File("/usr/bin/dash").TouchedBy(PathAccessKind.Exec, "execve"));
        Assert.Equal("/usr/bin/dash", run.Report.Processes.Single(p => p.ParentPid == 0).Exe);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_env_sh_script_brings_env_and_the_sh_env_runs_from_the_path(bool fanotify)
    {
        var script = Script("env-script.sh", "#!/usr/bin/env sh\necho from-env-script\n");

        var run = await RunAsync(fanotify, [(script, "/env-script.sh")], "/env-script.sh");

        Assert.Contains("from-env-script", run.Output, StringComparison.Ordinal);
        Assert.True(run.Report.File("/usr/bin/env").TouchedBy(PathAccessKind.Exec, "execve"));
        // env's own execvp of "sh" walks the image's PATH; the lookup that succeeds is /usr/bin/sh.
        var sh = run.Report.File("/usr/bin/sh");
        Assert.Contains(sh.Accesses, a => a.Kind == PathAccessKind.Exec && a.Syscall == "execve" && a.Error is null);
        run.Report.HasSymlink("/usr/bin/sh", "dash");
        Assert.True(run.Report.File("/usr/bin/dash").TouchedBy(PathAccessKind.Exec, "execve"));
        Assert.Equal(["/usr/bin/env", "/usr/bin/dash"], run.Report.Processes.Single(p => p.ParentPid == 0).Execs);
    }

    [Fact]
    public async Task A_script_whose_interpreter_is_a_script_brings_both_interpreters()
    {
        var inner = Script("inner.sh", "#!/bin/sh\necho from-inner \"$@\"\n");
        var outer = Script("outer.sh", "#!/inner.sh\n");

        var run = await RunAsync(fanotify: false, [(inner, "/inner.sh"), (outer, "/outer.sh")], "/outer.sh");

        Assert.Contains("from-inner /outer.sh", run.Output, StringComparison.Ordinal);
        Assert.True(run.Report.File("/inner.sh").TouchedBy(PathAccessKind.Exec, "execve"));
        Assert.True(run.Report.File("/bin/sh").TouchedBy(PathAccessKind.Exec, "execve"));
        Assert.True(run.Report.File("/usr/bin/dash").TouchedBy(PathAccessKind.Exec, "execve"));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Script(string name, string text)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }

    private async Task<SensorRun> RunAsync(bool fanotify, IReadOnlyList<(string Host, string Container)> copies, string command)
    {
        List<string> arguments = fanotify ? ["--", command] : ["--no-fanotify", "--", command];
        var run = await SensorContainer.RunAsync(environment.DebianBase, arguments, copies);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(fanotify, run.Report.Fanotify.Active);
        return run;
    }
}
