using System.Globalization;
using Slim.Analysis.Xray;
using Spectre.Console;

namespace Slim.Cli.Views;

/// <summary>The terminal view of an xray report: a summary, the layers with size bars, where the bytes are, and what to do.</summary>
internal static class XrayConsoleView
{
    private const int BarWidth = 20;
    private const int InstructionWidth = 70;

    /// <summary>Lines a cell of paths may take (copies of a duplicate, paths of a suggestion); the JSON keeps them all.</summary>
    internal const int PathsPerCell = 5;

    /// <summary>Rows of the lists whose length the image decides (history); the JSON keeps them all.</summary>
    internal const int MaxRows = 50;

    public static void Render(XrayReport report, TextWriter output)
    {
        var terminal = output == Console.Out && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        var summary = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
        summary.AddRow("Image", Markup.Escape(report.Image));
        summary.AddRow("Image ID", Markup.Escape(report.ImageId));
        summary.AddRow("Size", $"{ByteSize.Format(report.ImageSize)} ({report.ImageSize.ToString("N0", CultureInfo.InvariantCulture)} bytes) in {report.Layers.Count} layers, {report.FileCount.ToString("N0", CultureInfo.InvariantCulture)} files");
        summary.AddRow("Efficiency", $"{Percent(report.Efficiency * 100)}");
        summary.AddRow("Wasted bytes", $"{ByteSize.Format(report.WastedBytes)} ({report.WastedBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
        summary.AddRow("User wasted", Percent(report.UserWastedPercent));
        summary.AddRow("Duplicates", $"{report.DuplicateGroupCount} files stored more than once, {ByteSize.Format(report.DuplicateWastedBytes)} in extra copies");
        console.Write(summary);

        var largestLayer = Math.Max(1, report.Layers.Count == 0 ? 1 : report.Layers.Max(l => l.Size));
        var layers = new Table().Border(TableBorder.Rounded).Title("Layers")
            .AddColumn("#").AddColumn(new TableColumn("Size").RightAligned()).AddColumn("")
            .AddColumn(new TableColumn("Added").RightAligned()).AddColumn(new TableColumn("Modified").RightAligned())
            .AddColumn(new TableColumn("Deleted").RightAligned()).AddColumn(new TableColumn("Wasted").RightAligned())
            .AddColumn("Instruction");
        foreach (var layer in report.Layers)
        {
            layers.AddRow(
                new Text(layer.Index.ToString(CultureInfo.InvariantCulture)),
                new Text(ByteSize.Format(layer.Size)),
                new Markup(Bar(layer.Size, largestLayer)),
                new Text(layer.FilesAdded.ToString(CultureInfo.InvariantCulture)),
                new Text(layer.FilesModified.ToString(CultureInfo.InvariantCulture)),
                new Text(layer.FilesDeleted.ToString(CultureInfo.InvariantCulture)),
                new Text(layer.WastedBytes == 0 ? "-" : ByteSize.Format(layer.WastedBytes)),
                new Text(Shorten(layer.CreatedBy ?? "", InstructionWidth)));
        }

        console.Write(layers);

        if (report.BiggestDirectories.Count > 0)
        {
            var top = Math.Max(1, report.BiggestDirectories[0].Size);
            var table = new Table().Border(TableBorder.Rounded).Title("Biggest directories")
                .AddColumn(new TableColumn("Size").RightAligned()).AddColumn("").AddColumn(new TableColumn("Files").RightAligned()).AddColumn("Path");
            foreach (var dir in report.BiggestDirectories)
            {
                table.AddRow(new Text(ByteSize.Format(dir.Size)), new Markup(Bar(dir.Size, top)), new Text(dir.Files.ToString(CultureInfo.InvariantCulture)), new Text(dir.Path));
            }

            console.Write(table);
        }

        if (report.BiggestFiles.Count > 0)
        {
            var top = Math.Max(1, report.BiggestFiles[0].Size);
            var table = new Table().Border(TableBorder.Rounded).Title("Biggest files")
                .AddColumn(new TableColumn("Size").RightAligned()).AddColumn("").AddColumn(new TableColumn("Layer").RightAligned()).AddColumn("Path");
            foreach (var file in report.BiggestFiles)
            {
                table.AddRow(new Text(ByteSize.Format(file.Size)), new Markup(Bar(file.Size, top)), new Text(file.Layer.ToString(CultureInfo.InvariantCulture)), new Text(file.Path));
            }

            console.Write(table);
        }

        if (report.InefficientPaths.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Paths in more than one layer (dive's inefficient files)")
                .AddColumn(new TableColumn("Count").RightAligned()).AddColumn(new TableColumn("Total space").RightAligned()).AddColumn("Path");
            foreach (var path in report.InefficientPaths)
            {
                table.AddRow(new Text(path.Count.ToString(CultureInfo.InvariantCulture)), new Text(ByteSize.Format(path.CumulativeSize)), new Text(path.Path));
            }

            if (report.InefficientPathCount > report.InefficientPaths.Count)
            {
                table.AddRow(new Text(""), new Text(""), new Text(More(report.InefficientPathCount - report.InefficientPaths.Count) + " paths (raise --top to list more)"));
            }

            console.Write(table);
        }

        if (report.Duplicates.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Duplicate files (same content)")
                .AddColumn(new TableColumn("Size").RightAligned()).AddColumn(new TableColumn("Copies").RightAligned()).AddColumn("Where (layer: path)");
            foreach (var group in report.Duplicates)
            {
                table.AddRow(
                    new Text(ByteSize.Format(group.Size)),
                    new Text(group.Copies.Count.ToString(CultureInfo.InvariantCulture)),
                    new Text(Capped(group.Copies.Select(c => $"{c.Layer}: {c.Path}").ToList(), PathsPerCell)));
            }

            if (report.DuplicateGroupCount > report.Duplicates.Count)
            {
                table.AddRow(new Text(""), new Text(""), new Text(More(report.DuplicateGroupCount - report.Duplicates.Count) + " groups (raise --top to list more)"));
            }

            console.Write(table);
        }

        if (report.History.Count > 0)
        {
            var history = new Table().Border(TableBorder.Rounded).Title("History (Dockerfile-like)")
                .AddColumn(new TableColumn("Layer").RightAligned()).AddColumn("Instruction");
            foreach (var step in report.History.Take(MaxRows))
            {
                history.AddRow(
                    new Text(step.Layer?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                    new Text(Shorten(step.Instruction, InstructionWidth * 2)));
            }

            if (report.History.Count > MaxRows)
            {
                history.AddRow(new Text(""), new Text(More(report.History.Count - MaxRows) + " steps (--json for all)"));
            }

            console.Write(history);
        }

        if (report.Suggestions.Count == 0)
        {
            console.WriteLine("No suggestions: nothing obvious to trim.");
            return;
        }

        var suggestions = new Table().Border(TableBorder.Rounded).Title("Suggestions")
            .AddColumn(new TableColumn("Saves up to").RightAligned()).AddColumn("What to do");
        foreach (var suggestion in report.Suggestions)
        {
            var detail = suggestion.Paths.Count == 0 ? "" : "\n  " + Capped(suggestion.Paths, PathsPerCell).Replace("\n", "\n  ", StringComparison.Ordinal);
            suggestions.AddRow(new Text(ByteSize.Format(suggestion.Bytes)), new Text(suggestion.Message + detail));
        }

        console.Write(suggestions);
    }

    /// <summary>A bar of <see cref="BarWidth"/> cells, filled in proportion to <paramref name="value"/> of <paramref name="max"/>.</summary>
    internal static string Bar(long value, long max)
    {
        var filled = max <= 0 ? 0 : (int)Math.Round((double)value / max * BarWidth);
        if (value > 0 && filled == 0)
        {
            filled = 1;
        }

        return "[green]" + new string('█', filled) + "[/][grey]" + new string('░', BarWidth - filled) + "[/]";
    }

    /// <summary>The first <paramref name="cap"/> lines, then "… and N more" for the rest.</summary>
    internal static string Capped(IReadOnlyList<string> lines, int cap) =>
        lines.Count <= cap ? string.Join("\n", lines) : string.Join("\n", lines.Take(cap)) + "\n" + More(lines.Count - cap);

    internal static string More(int count) => $"… and {count.ToString("N0", CultureInfo.InvariantCulture)} more";

    internal static string Percent(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string Shorten(string text, int width)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= width ? line : line[..(width - 1)] + "…";
    }
}
