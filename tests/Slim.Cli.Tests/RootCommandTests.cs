using Slim.Cli.Commands;

namespace Slim.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Version_prints_the_tool_name_and_exits_zero()
    {
        var output = new StringWriter();
        var parse = SlimCommandLine.Create().Parse(["version"]);
        parse.InvocationConfiguration.Output = output;

        var exit = await parse.InvokeAsync();

        Assert.Equal(0, exit);
        Assert.StartsWith("slim ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_refused_with_a_non_zero_exit()
    {
        var error = new StringWriter();
        var parse = SlimCommandLine.Create().Parse(["frobnicate"]);
        parse.InvocationConfiguration.Error = error;

        var exit = await parse.InvokeAsync();

        Assert.NotEqual(0, exit);
        Assert.Contains("frobnicate", error.ToString(), StringComparison.Ordinal);
    }
}
