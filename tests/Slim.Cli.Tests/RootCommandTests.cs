namespace Slim.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Version_prints_the_tool_name_and_exits_zero()
    {
        var run = await SlimRun.InvokeAsync("version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("slim ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_refused_with_a_non_zero_exit()
    {
        var run = await SlimRun.InvokeAsync("frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("slim: unknown command 'frobnicate'", run.Error.Split(';')[0]);
    }

    [Fact]
    public void Parse_failures_say_what_is_wrong_in_one_line()
    {
        var root = Slim.Cli.Commands.SlimCommandLine.Create();

        Assert.StartsWith("unknown command 'frobnicate'", Slim.Cli.Commands.SlimCommandLine.ParseFailure(root, root.Parse(["frobnicate"])), StringComparison.Ordinal);
        Assert.StartsWith("no command given", Slim.Cli.Commands.SlimCommandLine.ParseFailure(root, root.Parse([])), StringComparison.Ordinal);
        var missing = Slim.Cli.Commands.SlimCommandLine.ParseFailure(root, root.Parse(["build", "--tag", "x:1", "--target"]));
        Assert.Contains("--target", missing, StringComparison.Ordinal);
        Assert.EndsWith("`slim build --help` lists the options", missing, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', missing);
    }
}
