using System.CommandLine;

namespace Slim.Cli.Commands;

/// <summary>The `slim` root command: wires each subcommand and the options every command shares.</summary>
internal static class SlimCommandLine
{
    public static readonly Option<bool> Debug = new("--debug")
    {
        Description = "Show full error details (stack traces) and verbose progress.",
        Recursive = true,
    };

    public static RootCommand Create()
    {
        var root = new RootCommand(
            "slim makes container images small and safe without touching their Dockerfiles.")
        {
            Debug,
        };
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(CopyCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(BuildCommand.CreateProfile());
        root.Subcommands.Add(XrayCommand.Create());
        root.Subcommands.Add(GateCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Create();
        var parse = root.Parse(args);
        // On Ctrl-C the command's token is cancelled; give cleanup (removing the sensor container,
        // temporary files) time to finish before the process is torn down.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) }).ConfigureAwait(false);
    }
}
