using Slim.Cli.Commands;

namespace Slim.Cli.Tests;

/// <summary>The `slim` command line run in process, with what it printed.</summary>
internal sealed record SlimRun(int ExitCode, string Output, string Error)
{
    public static async Task<SlimRun> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SlimCommandLine.InvokeAsync(args, new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return new SlimRun(exit, output.ToString(), error.ToString());
    }

    public SlimRun EnsureSuccess() => ExitCode == 0 ? this : throw new InvalidOperationException(ToString());

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
