using System.Text.RegularExpressions;
using Slim.Cli.Views;
using Slim.Pipeline.Probes;
using Slim.Pipeline.Report;
using Slim.Pipeline.Verify;
using Slim.Trace;

namespace Slim.Cli.Tests.Views;

/// <summary>The screen summary of `slim build` shows the host commands and tcp ports the report records.</summary>
public sealed class BuildSummaryViewTests
{
    private static readonly HostCommandResult Ok = new("./integration-tests.sh", 0, "3 passed\n", "", 120);
    private static readonly HostCommandResult Psql = new("psql -h \"$SLIM_TARGET_HOST\" -c 'x'", 0, "1\n", "", 40);
    private static readonly HostCommandResult Slow = new("./load.sh --for [10m]", 0, "done\n", "", 900);

    [Fact]
    public void Each_host_command_shows_its_exit_code_and_its_verdict_against_the_slim_image()
    {
        var verification = new VerificationResult(false, ["host command `psql -h \"$SLIM_TARGET_HOST\" -c 'x'`: output differs at line 1"], [], [], [], null, true)
        {
            HostExec = [Ok, Psql with { Stdout = "2\n" }, Slow with { ExitCode = 3 }],
        };

        var screen = Render(Report([Ok, Psql, Slow], ["5432/tcp", "6379/tcp"], verification));

        Assert.Contains("3 host commands", screen, StringComparison.Ordinal);
        Assert.Matches(@"host-exec\s+│\s+\./integration-tests\.sh\s+exit 0\s+slim: pass", screen);
        Assert.Matches(@"psql -h ""\$SLIM_TARGET_HOST"" -c 'x'\s+exit 0\s+slim: FAIL output", screen);
        Assert.Matches(@"\./load\.sh --for \[10m\]\s+exit 0\s+slim: FAIL exit 3", screen);
        Assert.Matches(@"tcp ports\s+│\s+5432/tcp, 6379/tcp \(accept connections, no HTTP answer\)", screen);
    }

    [Fact]
    public void A_command_the_slim_image_did_not_reach_is_not_run_and_a_killed_one_says_so()
    {
        var killed = new HostCommandResult("sleep 999", null, "", "", 600_000);
        var verification = new VerificationResult(true, [], [], [], [], null, true) { HostExec = [Ok] };

        var screen = Render(Report([Ok, killed], [], verification));

        Assert.Matches(@"sleep 999\s+killed \(time limit\)\s+slim: not run", screen);
        Assert.DoesNotContain("tcp ports", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_verification_the_commands_show_no_verdict_and_long_ones_are_clipped()
    {
        var longCommand = new HostCommandResult("./tests.sh " + string.Join(' ', Enumerable.Range(1, 40)), 0, "", "", 1);

        var screen = Render(Report([longCommand], ["9000/tcp"], null));

        Assert.Contains("./tests.sh 1 2 3", screen, StringComparison.Ordinal);
        Assert.Contains("…", screen, StringComparison.Ordinal);
        Assert.DoesNotContain(" 40", screen, StringComparison.Ordinal);
        Assert.DoesNotMatch("slim: (pass|FAIL|not run)", screen);
        Assert.Contains("9000/tcp", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_without_host_commands_or_tcp_ports_has_no_such_rows()
    {
        var screen = Render(Report([], [], null));

        Assert.DoesNotContain("host", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("tcp ports", screen, StringComparison.Ordinal);
    }

    private static string Render(BuildReport report)
    {
        using var output = new StringWriter();
        BuildSummaryView.Render(report, output);
        var screen = Regex.Replace(output.ToString(), @"\x1b\[[0-9;]*m", "");
        return screen;
    }

    private static BuildReport Report(IReadOnlyList<HostCommandResult> hosts, IReadOnlyList<string> tcp, VerificationResult? verification) => new()
    {
        Command = "build",
        Target = new ImageSummary("db:1", "sha256:1", null, 80_000_000, 900),
        Result = new ImageSummary("db.slim:1", "sha256:2", null, 8_000_000, 90),
        Ratio = 10,
        Syscalls = new SyscallSummary(120, 110, []),
        Probes = new ProbeSummary("probe", ["db"], [], [], [], null, 3, 200, true, []) { HostExec = hosts, TcpPorts = tcp },
        Verification = verification,
        DurationsSeconds = new Dictionary<string, double>(),
        Artifacts = new Dictionary<string, string>(),
    };
}
