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
        RegistryCommandLine.AddTo(root);
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(CopyCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(BuildCommand.CreateProfile());
        root.Subcommands.Add(XrayCommand.Create());
        root.Subcommands.Add(GateCommand.Create());
        return root;
    }

    public static Task<int> RunAsync(string[] args) =>
        // On Ctrl-C the command's token is cancelled; give cleanup (removing the sensor container,
        // temporary files) time to finish before the process is torn down.
        InvokeAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });

    /// <summary>Parses and runs; a command line that does not parse is bad input (2), never "the rules failed" (1).</summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = Create();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await configuration.Error.WriteLineAsync("slim: " + ParseFailure(root, parse)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(configuration).ConfigureAwait(false);
    }

    /// <summary>The one line for a command line that does not parse.</summary>
    internal static string ParseFailure(RootCommand root, ParseResult parse)
    {
        var first = parse.Tokens.Count > 0 ? parse.Tokens[0] : null;
        if (first is null)
        {
            return "no command given; `slim --help` lists the commands";
        }

        if (parse.CommandResult.Command == root && !first.Value.StartsWith('-'))
        {
            return $"unknown command '{first.Value}'; `slim --help` lists the commands ({string.Join(", ", root.Subcommands.Select(c => c.Name))})";
        }

        var command = parse.CommandResult.Command == root ? "slim" : $"slim {parse.CommandResult.Command.Name}";
        var what = parse.Errors.Count > 0 ? parse.Errors[0].Message.TrimEnd('.') : "the command line does not parse";
        return $"{what}; `{command} --help` lists the options";
    }
}
