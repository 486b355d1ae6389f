using System.Security.Cryptography;
using System.Text;
using Slim.Engine.Containers;
using Slim.Pipeline;
using Slim.Pipeline.Probes;
using Slim.Pipeline.Sensor;
using Slim.Pipeline.Verify;

namespace Slim.Pipeline.Tests.Verify;

public sealed class OutcomeComparisonTests
{
    private static HttpProbeResult Get(string path, int status, string body) =>
        new("GET", path, 8080, status, Encoding.UTF8.GetByteCount(body), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), null, 1)
        {
            BodyHead = body,
        };

    private static ProbeOutcome Served(params HttpProbeResult[] http) => new(http, [], [], null, CapturedOutput.Empty, CapturedOutput.Empty);

    private static ProbeOutcome Execed(params ExecResult[] exec) => new([], exec, [], null, CapturedOutput.Empty, CapturedOutput.Empty);

    private static ExecResult Exec(long exit, string stdout) => new(["/bin/sh", "-c", "ls /srv"], exit, CapturedOutput.Of(stdout), CapturedOutput.Empty);

    [Fact]
    public void A_changed_body_fails_when_the_original_answers_the_same_twice_and_names_the_line()
    {
        var original = Served(Get("/files", 200, "[\n\"a.txt\",\n\"b.txt\",\n\"config.json\"\n]"));
        var slim = Served(Get("/files", 200, "[\n\"config.json\"\n]"));

        Assert.True(OutcomeComparison.NeedsSecondLook(original, slim, ContinueAfterKind.Probe));
        var (failures, _) = OutcomeComparison.Compare(original, slim, ContinueAfterKind.Probe, original);

        var failure = Assert.Single(failures);
        Assert.Contains("GET /files (port 8080): body line 2 differs: \"\"config.json\"\", the original printed \"\"a.txt\",\"", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_whose_timestamp_changes_between_runs_of_the_original_passes_with_a_warning()
    {
        var original = Served(Get("/", 200, "<h1>Clock</h1>\n<p>now 10:01:02</p>\n"));
        var again = Served(Get("/", 200, "<h1>Clock</h1>\n<p>now 10:01:09</p>\n"));
        var slim = Served(Get("/", 200, "<h1>Clock</h1>\n<p>now 10:01:15</p>\n"));

        var (failures, warnings) = OutcomeComparison.Compare(original, slim, ContinueAfterKind.Probe, again);

        Assert.Empty(failures);
        Assert.Contains("only in the 1 line", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_noisy_body_still_fails_where_it_is_steady()
    {
        var original = Served(Get("/", 200, "now 1\nitems: 3\n"));
        var again = Served(Get("/", 200, "now 2\nitems: 3\n"));
        var slim = Served(Get("/", 200, "now 3\nitems: 1\n"));

        var (failures, _) = OutcomeComparison.Compare(original, slim, ContinueAfterKind.Probe, again);

        Assert.Contains("body line 2 differs: \"items: 1\"", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_matches_the_second_run_of_the_original_passes()
    {
        var original = Served(Get("/", 200, "one"));
        var again = Served(Get("/", 200, "two"));

        var (failures, warnings) = OutcomeComparison.Compare(original, Served(Get("/", 200, "two")), ContinueAfterKind.Probe, again);

        Assert.Empty(failures);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Another_status_fails_without_a_second_look()
    {
        var original = Served(Get("/tls", 200, "ok"));
        var slim = Served(Get("/tls", 500, "error"));

        Assert.False(OutcomeComparison.NeedsSecondLook(original, slim, ContinueAfterKind.Probe));
        var (failures, _) = OutcomeComparison.Compare(original, slim, ContinueAfterKind.Probe);

        Assert.Equal("GET /tls (port 8080): status 500, the original gave 200", Assert.Single(failures));
    }

    [Fact]
    public void The_same_answers_need_no_second_look_and_pass()
    {
        var original = Served(Get("/", 200, "same"));

        Assert.False(OutcomeComparison.NeedsSecondLook(original, Served(Get("/", 200, "same")), ContinueAfterKind.Probe));
        var (failures, warnings) = OutcomeComparison.Compare(original, Served(Get("/", 200, "same")), ContinueAfterKind.Probe);
        Assert.Empty(failures);
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_request_the_slim_image_never_answered_fails()
    {
        var (failures, _) = OutcomeComparison.Compare(Served(Get("/a", 200, "x")), Served(), ContinueAfterKind.Probe);

        Assert.Contains("never answered by the slim image", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void An_exec_whose_output_changed_fails_and_one_with_noise_passes()
    {
        var original = Execed(Exec(0, "a.txt\nb.txt\n"));
        var (failures, _) = OutcomeComparison.Compare(original, Execed(Exec(0, "b.txt\n")), ContinueAfterKind.Probe, original);
        Assert.Contains("exec `ls /srv`: output", Assert.Single(failures), StringComparison.Ordinal);

        var noisy = Execed(Exec(0, "pid 7\nok\n"));
        var (none, warnings) = OutcomeComparison.Compare(noisy, Execed(Exec(0, "pid 9\nok\n")), ContinueAfterKind.Probe, Execed(Exec(0, "pid 8\nok\n")));
        Assert.Empty(none);
        Assert.Single(warnings);
    }

    [Fact]
    public void An_exec_with_another_exit_code_fails_with_its_last_words()
    {
        var failed = new ExecResult(["/bin/sh", "-c", "psql -c 'select 1'"], 127, CapturedOutput.Empty, CapturedOutput.Of("sh: psql: not found\n"));

        var (failures, _) = OutcomeComparison.Compare(Execed(Exec(0, "")), Execed(failed), ContinueAfterKind.Probe);

        Assert.Contains("exit 127, the original gave 0 (sh: psql: not found)", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_body_whose_keys_come_in_another_order_is_the_same_answer()
    {
        var original = Served(Get("/missing", 404, "{\"error\":\"not found\",\"path\":\"/missing\"}"));
        var slim = Served(Get("/missing", 404, "{\"path\":\"/missing\",\"error\":\"not found\"}"));

        var (failures, warnings) = OutcomeComparison.Compare(original, slim, ContinueAfterKind.Probe, original);
        Assert.Empty(failures);
        Assert.Empty(warnings);

        var (changed, _) = OutcomeComparison.Compare(original, Served(Get("/missing", 404, "{\"path\":\"/other\",\"error\":\"not found\"}")), ContinueAfterKind.Probe, original);
        Assert.Single(changed);
    }

    private static ProbeOutcome Hosted(params HostCommandResult[] results) => new([], [], [], null, CapturedOutput.Empty, CapturedOutput.Empty) { HostExec = results };

    private static HostCommandResult Host(int? exit, string stdout, string stderr = "") => new("./integration-tests.sh", exit, stdout, stderr, 10);

    [Fact]
    public void A_host_command_that_passes_against_the_original_and_fails_against_the_slim_image_fails_with_its_last_line()
    {
        var (failures, _) = OutcomeComparison.Compare(Hosted(Host(0, "ok 1\nok 2\n")), Hosted(Host(1, "ok 1\n", "not ok 2: GET /tz gave 500")), ContinueAfterKind.Probe);

        Assert.Equal(["host command `./integration-tests.sh`: exit 1, against the original 0 (not ok 2: GET /tz gave 500)"], failures);
    }

    [Fact]
    public void Host_command_output_follows_the_noise_rule()
    {
        var original = Hosted(Host(0, "took 31 ms\n3 passed\n"));
        var again = Hosted(Host(0, "took 28 ms\n3 passed\n"));

        Assert.True(OutcomeComparison.NeedsSecondLook(original, Hosted(Host(0, "took 40 ms\n3 passed\n")), ContinueAfterKind.Probe));
        var (noise, warnings) = OutcomeComparison.Compare(original, Hosted(Host(0, "took 40 ms\n3 passed\n")), ContinueAfterKind.Probe, again);
        var (changed, _) = OutcomeComparison.Compare(original, Hosted(Host(0, "took 40 ms\n2 passed\n")), ContinueAfterKind.Probe, again);

        Assert.Empty(noise);
        Assert.Single(warnings);
        Assert.Single(changed);
        Assert.Contains("line 2 differs", changed[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_command_never_run_against_the_slim_image_fails()
    {
        var (failures, _) = OutcomeComparison.Compare(Hosted(Host(0, ""), Host(0, "")), Hosted(Host(0, "")), ContinueAfterKind.Probe);

        Assert.Single(failures);
        Assert.Contains("not run against the slim image", failures[0], StringComparison.Ordinal);
    }
}
