using System.CommandLine;
using System.Reflection;

namespace Slim.Cli.Commands;

/// <summary>`slim version`: the tool's version, for bug reports and CI logs.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print slim's version.");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parse.InvocationConfiguration.Output.WriteLine($"slim {version}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
