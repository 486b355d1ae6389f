using System.Globalization;
using Slim.Pipeline.Probes;
using Slim.Pipeline.Verify;
using Spectre.Console;

namespace Slim.Cli.Views;

/// <summary>
/// The build summary's `--host-exec` rows: each command (clipped), its exit code against the original, and how it
/// did against the slim image: pass, FAIL with the slim exit code or "output" (where it differed), or not run.
/// </summary>
internal static class HostCommandView
{
    // Keeps a row of command, exit code and verdict within 80 columns, the table's labels included.
    private const int CommandWidth = 36;

    public static Grid Grid(IReadOnlyList<HostCommandResult> original, VerificationResult? verification)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap());
        for (var i = 0; i < original.Count; i++)
        {
            var command = original[i];
            grid.AddRow(
                new Text(Clip(command.Command)),
                new Markup(command.ExitCode == 0 ? "exit 0" : $"[red]{Markup.Escape(Exit(command.ExitCode))}[/]"),
                new Markup(Verdict(command, i, verification)));
        }

        return grid;
    }

    /// <summary>Judged as verification judged it: another exit code, or a failure named after the command (its output), is a fail.</summary>
    private static string Verdict(HostCommandResult command, int index, VerificationResult? verification)
    {
        if (verification is null)
        {
            return "";
        }

        if (index >= verification.HostExec.Count)
        {
            return "slim: [yellow]not run[/]";
        }

        var slim = verification.HostExec[index];
        if (slim.ExitCode != command.ExitCode)
        {
            return $"slim: [red]FAIL[/] {Markup.Escape(Exit(slim.ExitCode))}";
        }

        var label = $"host command `{command.Command}`";
        return verification.Failures.Any(f => f.StartsWith(label, StringComparison.Ordinal))
            ? "slim: [red]FAIL[/] output"
            : "slim: [green]pass[/]";
    }

    private static string Exit(int? code) => code is { } c ? "exit " + c.ToString(CultureInfo.InvariantCulture) : "killed (time limit)";

    private static string Clip(string command)
    {
        var line = command.ReplaceLineEndings(" ");
        return line.Length <= CommandWidth ? line : line[..(CommandWidth - 1)] + "…";
    }
}
