using System.Diagnostics;
using Slim.Pipeline.Probes;
using Slim.Testing;

namespace Slim.Pipeline.Tests.Probes;

/// <summary>`--host-exec` commands as real /bin/sh processes on this machine.</summary>
public sealed class HostCommandRunnerTests
{
    private static readonly Dictionary<string, int> Ports = new(StringComparer.Ordinal) { ["6379/tcp"] = 49153, ["8080/tcp"] = 49154, ["53/udp"] = 49155 };

    [Fact]
    public async Task A_command_sees_where_the_container_is_published()
    {
        var runner = new HostCommandRunner("127.0.0.1", Ports, TimeSpan.FromSeconds(30));

        var result = await runner.RunAsync("echo \"$SLIM_TARGET_HOST $SLIM_PORT_6379 $SLIM_URL_8080 ${SLIM_PORT_53:-none}\"", CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("127.0.0.1 49153 http://127.0.0.1:49154 none\n", result.Stdout);
    }

    [Fact]
    public async Task A_failing_command_gives_its_exit_code_and_its_last_line()
    {
        var runner = new HostCommandRunner("127.0.0.1", Ports, TimeSpan.FromSeconds(30));

        var result = await runner.RunAsync("echo testing; echo 'FAIL: GET /x gave 500' >&2; exit 3", CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("testing\n", result.Stdout);
        Assert.Equal("FAIL: GET /x gave 500", result.LastLine);
    }

    [Fact]
    public async Task Output_is_kept_to_its_end_only()
    {
        var runner = new HostCommandRunner("127.0.0.1", Ports, TimeSpan.FromSeconds(30));

        var result = await runner.RunAsync("i=0; while [ $i -lt 5000 ]; do echo \"line $i\"; i=$((i+1)); done", CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.OutputTruncated);
        Assert.True(result.Stdout.Length <= HostCommandRunner.OutputLimit);
        Assert.EndsWith("line 4999\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_over_its_time_limit_is_killed_with_everything_it_started()
    {
        using var temp = new TempDirectory();
        var pidFile = Path.Combine(temp.Path, "child.pid");
        var runner = new HostCommandRunner("127.0.0.1", Ports, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var result = await runner.RunAsync($"sleep 300 & echo $! > {pidFile}; wait", CancellationToken.None);

        Assert.Null(result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains("killed", result.LastLine, StringComparison.Ordinal);
        await AssertGoneAsync(int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Cancelling_kills_the_command_and_its_children()
    {
        using var temp = new TempDirectory();
        var pidFile = Path.Combine(temp.Path, "child.pid");
        var runner = new HostCommandRunner("127.0.0.1", Ports, TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource();
        var run = runner.RunAsync($"sleep 300 & echo $! > {pidFile}; wait", cancel.Token);
        while (!File.Exists(pidFile) || (await File.ReadAllTextAsync(pidFile)).Length == 0)
        {
            await Task.Delay(50);
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await AssertGoneAsync(int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task AssertGoneAsync(int pid)
    {
        // Killed children are reaped by init soon after; a zombie or a running sleep both still show in /proc.
        for (var i = 0; i < 50 && Directory.Exists($"/proc/{pid}") && !IsZombie(pid); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(!Directory.Exists($"/proc/{pid}") || IsZombie(pid), $"process {pid} the command started still runs");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Trim().StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
