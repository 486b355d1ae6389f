using System.Text.Json;
using Slim.Trace;

namespace Slim.Tracer.Tests.Unit;

/// <summary>The tracer's command line: what the pipeline builds with ToArgv is what the tracer reads with Parse.</summary>
public sealed class TracerArgumentsTests
{
    public static TheoryData<TracerArguments> CommandLines() =>
    [
        new(TraceKind.Run, ["app"]),
        new(TraceKind.Exec, ["/bin/sh", "-c", "cat /etc/issue"]),
        new(TraceKind.Run, ["sh", "-c", "--user", "--", "-x"]) { User = "app:staff", Grace = TimeSpan.FromSeconds(2.5) },
        new(TraceKind.Run, ["/usr/sbin/nginx", "-g", "daemon off;"])
        {
            Report = "/.slim/artifacts/trace.json",
            User = "1000:1000",
            Mode = TraceMode.Syscall,
            Grace = TimeSpan.FromSeconds(0.25),
            Fanotify = false,
            UnderInit = true,
            StatusFd = 3,
            Root = "/srv/root",
        },
        new(TraceKind.Exec, ["ls"]) { Grace = TimeSpan.Zero, Report = "/tmp/a b.json" },
    ];

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void A_command_line_survives_a_round_trip(TracerArguments arguments)
    {
        var argv = arguments.ToArgv();
        var parsed = TracerArguments.Parse(argv);

        Assert.Equal(arguments.Command, parsed.Command);
        Assert.Equal(arguments with { Command = parsed.Command }, parsed);
        Assert.Equal(argv, parsed.ToArgv());
    }

    [Fact]
    public void Defaults_are_left_out_and_the_command_follows_the_double_dash()
    {
        Assert.Equal(["run", "--", "app", "-v"], new TracerArguments(TraceKind.Run, ["app", "-v"]).ToArgv());
        Assert.Equal(
            ["exec", "--report", "/r.json", "--grace", "10", "--", "cat"],
            new TracerArguments(TraceKind.Exec, ["cat"]) { Report = "/r.json", Grace = TimeSpan.FromSeconds(10) }.ToArgv());
    }

    [Fact]
    public void Options_before_the_double_dash_and_the_command_after_it()
    {
        var options = TracerArguments.Parse(["run", "--user", "app:staff", "--mode", "syscall", "--grace", "2.5", "--report", "/r.json", "--", "sh", "-c", "--user"]);
        Assert.Equal(TraceKind.Run, options.Kind);
        Assert.Equal("app:staff", options.User);
        Assert.Equal(TraceMode.Syscall, options.Mode);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.GracePeriod);
        Assert.Equal("/r.json", options.Report);
        Assert.Equal(["sh", "-c", "--user"], options.Command);
    }

    [Fact]
    public void Like_strace_the_command_may_follow_the_options_without_a_double_dash()
    {
        var options = TracerArguments.Parse(["exec", "--no-fanotify", "cat", "--", "/etc/issue"]);
        Assert.Equal((TraceKind.Exec, false), (options.Kind, options.Fanotify));
        Assert.Equal(["cat", "--", "/etc/issue"], options.Command);
        Assert.Equal(TracerArguments.DefaultGrace, options.GracePeriod);
    }

    [Theory]
    [InlineData("run", "--mode", "fast", "--", "x")]
    [InlineData("run", "--bogus", "--", "x")]
    [InlineData("run", "--user")]
    [InlineData("run", "--")]
    [InlineData("run", "--grace", "-1", "--", "x")]
    [InlineData("run", "--grace", "soon", "--", "x")]
    [InlineData("run", "--status-fd", "three", "--", "x")]
    [InlineData("trace", "--", "x")]
    [InlineData]
    public void Bad_command_lines_are_refused(params string[] argv) =>
        Assert.Throws<ArgumentException>(() => TracerArguments.Parse(argv));

    [Theory]
    [InlineData(TraceKind.Run)]
    [InlineData(TraceKind.Exec)]
    public void The_verb_is_the_word_the_report_names_its_kind_with(TraceKind kind) =>
        Assert.Equal(
            JsonSerializer.Serialize(kind, TraceReportJsonContext.Default.TraceKind),
            $"\"{new TracerArguments(kind, ["x"]).ToArgv()[0]}\"");

    [Theory]
    [InlineData(TraceMode.Syscall)]
    [InlineData(TraceMode.Seccomp)]
    public void The_mode_is_the_word_the_report_names_it_with(TraceMode mode)
    {
        var word = JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(mode, TraceReportJsonContext.Default.TraceMode));
        Assert.Equal(mode, TracerArguments.Parse(["run", "--mode", word!, "--", "x"]).Mode);
    }
}
