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

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("frobnicate", run.Error, StringComparison.Ordinal);
    }
}
