using Slim.Cli.Commands;

namespace Slim.Cli.Tests.Xray;

/// <summary>Runs the `slim` command line in process and keeps what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = SlimCommandLine.Create().Parse(args);
        parse.InvocationConfiguration.Output = output;
        parse.InvocationConfiguration.Error = error;
        var exit = await parse.InvokeAsync();
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
