using Slim.Testing;
using Slim.Trace;

namespace Slim.Tracer.Tests.Integration;

/// <summary>Many processes and threads, exit codes, signals, orphans and --user.</summary>
[Integration]
[Collection(TracerCollection.Name)]
public sealed class ProcessTreeTests(TracerEnvironment environment)
{
    [Fact]
    public async Task Forked_workers_are_followed_and_their_exit_codes_recorded()
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase,
            ["--", "sh", "-c", "for i in 1 2 3; do (cat /etc/hostname >/dev/null; exit $i) & done; wait; exit 3"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(3, run.Report.Exit?.Code);
        var workers = run.Report.Processes.Where(p => p.Exe == "/usr/bin/cat").ToList();
        Assert.Equal(3, workers.Count);
        // The subshells fork from the root shell and never exec: no exe of their own, but their exit codes.
        var root = run.Report.Processes.Single(p => p.ParentPid == 0);
        Assert.Equal([1, 2, 3], run.Report.Processes.Where(p => p.ParentPid == root.Pid && p.Execs.Count == 0)
            .Select(p => p.Exit?.Code ?? -1).Order());
        Assert.Equal(3, run.Report.File("/etc/hostname").Accesses.Where(a => a.Syscall == "openat").Select(a => a.Pid).Distinct().Count());
    }

    [Fact]
    public async Task Threads_of_a_process_are_traced()
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase,
            ["--", "sh", "-c", "seq 1 300000 | sort --parallel=2 -S 64M -o /dev/null"]);

        Assert.Equal(0, run.ExitCode);
        var sort = run.Report.Processes.Single(p => p.Exe == "/usr/bin/sort");
        Assert.True(sort.Threads > 1, $"sort ran {sort.Threads} thread(s)");
        run.Report.HasSyscalls("clone3");
    }

    [Theory]
    [InlineData("kill -TERM $$", 15)]
    [InlineData("kill -KILL $$", 9)]
    public async Task A_signal_that_kills_the_application_becomes_128_plus_N(string command, int signal)
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase, ["--", "sh", "-c", command]);

        Assert.Equal(128 + signal, run.ExitCode);
        Assert.Equal(signal, run.Report.Exit?.Signal);
        Assert.Equal(TraceCompletion.Signaled, run.Report.Completion);
    }

    [Fact]
    public async Task Orphans_are_reaped()
    {
        // The inner shell exits at once, orphaning its sleep; once it ends nobody may be left a zombie.
        var run = await SensorContainer.RunAsync(environment.DebianBase,
            ["--", "sh", "-c", "sh -c 'sleep 0.3 &'; sleep 1.5; grep -l '^State:.*Z' /proc/[0-9]*/status || echo no-zombies"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no-zombies", run.Output, StringComparison.Ordinal);
        Assert.Contains(run.Report.Processes, p => p.Exe == "/usr/bin/sleep" && p.Argv.SequenceEqual(["sleep", "0.3"]) && p.Exit?.Code == 0);
    }

    [Fact]
    public async Task A_named_user_is_applied_with_its_groups()
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase, ["--user", "nobody", "--", "sh", "-c", "id -u; id -g; id -G"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["65534", "65534", "65534"], run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(65534, run.Report.User.Uid);
        Assert.Equal("nobody", run.Report.User.Requested);
    }

    [Fact]
    public async Task A_numeric_user_and_group_are_applied()
    {
        var run = await SensorContainer.RunAsync(environment.DebianBase, ["--user", "1234:2345", "--", "sh", "-c", "id -u; id -g; touch /tmp/x 2>&1; stat -c %u:%g /tmp/x"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1234\n2345\n1234:2345", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(run.Report.File("/tmp/x").TouchedBy(PathAccessKind.Write));
    }
}
