using System.Globalization;
using System.Net;
using System.Text;
using Slim.Analysis.Xray;

namespace Slim.Cli.Views;

/// <summary>
/// A self-contained HTML page for an xray report: summary, a treemap of the final view's directories (inline SVG, no
/// script, no fetches), the per-layer table, suggestions, biggest files and duplicates.
/// </summary>
internal static class XrayHtmlPage
{
    private const double MapWidth = 1200;
    private const double MapHeight = 640;
    private const double LabelHeight = 16;
    private const double Inset = 2;

    private static readonly string[] Hues = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public static string Render(XrayReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        html.Append("<title>slim xray: ").Append(E(report.Image)).Append("</title>\n");
        html.Append("<style>\n")
            .Append("body{font:14px/1.4 'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;background:#fff}\n")
            .Append("h1{font-size:22px}h2{font-size:18px;margin-top:28px}\n")
            .Append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}\n")
            .Append("th{background:#f0f0f0;text-align:left}td.n{text-align:right;white-space:nowrap}\n")
            .Append(".bar{display:inline-block;height:10px;background:#4e79a7}\n")
            .Append("svg text{font:11px 'DejaVu Sans',Arial,sans-serif;fill:#fff;pointer-events:none}\n")
            .Append("code{font-family:'DejaVu Sans Mono',monospace;font-size:12px}\n")
            .Append("</style></head><body>\n");
        html.Append("<h1>slim xray: <code>").Append(E(report.Image)).Append("</code></h1>\n");

        html.Append("<table id=\"summary\">\n");
        Row(html, "Image ID", $"<code>{E(report.ImageId)}</code>");
        Row(html, "Size", $"{E(ByteSize.Format(report.ImageSize))} ({N(report.ImageSize)} bytes) in {report.Layers.Count} layers, {N(report.FileCount)} files");
        Row(html, "Efficiency", E(XrayConsoleView.Percent(report.Efficiency * 100)));
        Row(html, "Wasted bytes", $"{E(ByteSize.Format(report.WastedBytes))} ({N(report.WastedBytes)} bytes)");
        Row(html, "User wasted", E(XrayConsoleView.Percent(report.UserWastedPercent)));
        Row(html, "Duplicates", $"{report.DuplicateGroupCount} files stored more than once, {E(ByteSize.Format(report.DuplicateWastedBytes))} in extra copies");
        html.Append("</table>\n");

        html.Append("<h2>Where the bytes are</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"treemap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{MapWidth}\" height=\"{MapHeight}\" viewBox=\"0 0 {MapWidth} {MapHeight}\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{MapWidth}\" height=\"{MapHeight}\" fill=\"#eee\"/>\n");
        DrawChildren(html, report.Tree, new Treemap.Rect(0, 0, MapWidth, MapHeight), 0, null);
        html.Append("</svg>\n");

        html.Append("<h2>Layers</h2>\n<table id=\"layers\"><tr><th>#</th><th>Size</th><th></th><th>Added</th><th>Modified</th><th>Deleted</th><th>Wasted</th><th>Instruction</th></tr>\n");
        var largest = Math.Max(1, report.Layers.Count == 0 ? 1 : report.Layers.Max(l => l.Size));
        foreach (var layer in report.Layers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"n\">{layer.Index}</td><td class=\"n\">{E(ByteSize.Format(layer.Size))}</td><td>{Bar(layer.Size, largest)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{layer.FilesAdded}</td><td class=\"n\">{layer.FilesModified}</td><td class=\"n\">{layer.FilesDeleted}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{(layer.WastedBytes == 0 ? "-" : E(ByteSize.Format(layer.WastedBytes)))}</td><td><code>{E(layer.CreatedBy ?? "")}</code></td></tr>\n");
        }

        html.Append("</table>\n");

        html.Append("<h2>Suggestions</h2>\n");
        if (report.Suggestions.Count == 0)
        {
            html.Append("<p>Nothing obvious to trim.</p>\n");
        }
        else
        {
            html.Append("<table id=\"suggestions\"><tr><th>Saves up to</th><th>What to do</th></tr>\n");
            foreach (var suggestion in report.Suggestions)
            {
                html.Append("<tr><td class=\"n\">").Append(E(ByteSize.Format(suggestion.Bytes))).Append("</td><td>").Append(E(suggestion.Message));
                foreach (var path in suggestion.Paths)
                {
                    html.Append("<br><code>").Append(E(path)).Append("</code>");
                }

                html.Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>Biggest files</h2>\n<table id=\"files\"><tr><th>Size</th><th>Layer</th><th>Path</th></tr>\n");
        foreach (var file in report.BiggestFiles)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"n\">{E(ByteSize.Format(file.Size))}</td><td class=\"n\">{file.Layer}</td><td><code>{E(file.Path)}</code></td></tr>\n");
        }

        html.Append("</table>\n");

        if (report.Duplicates.Count > 0)
        {
            html.Append("<h2>Duplicate files</h2>\n<table id=\"duplicates\"><tr><th>Size</th><th>Copies (layer: path)</th></tr>\n");
            foreach (var group in report.Duplicates)
            {
                html.Append("<tr><td class=\"n\">").Append(E(ByteSize.Format(group.Size))).Append("</td><td>")
                    .AppendJoin("<br>", group.Copies.Select(c => $"{c.Layer}: <code>{E(c.Path)}</code>")).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>History</h2>\n<pre id=\"history\">");
        foreach (var step in report.History)
        {
            html.Append(E(step.Instruction)).Append('\n');
        }

        html.Append("</pre>\n</body></html>\n");
        return html.ToString();
    }

    private static void DrawChildren(StringBuilder html, XrayTreeNode node, Treemap.Rect area, int depth, string? color)
    {
        var children = node.Children;
        if (children.Count == 0 || area.Width < 4 || area.Height < 4)
        {
            return;
        }

        var rects = Treemap.Layout(children.Select(c => c.Size).ToList(), area);
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            var r = rects[i];
            if (r.Width < 1 || r.Height < 1)
            {
                continue;
            }

            var fill = color ?? Hues[i % Hues.Length];
            var opacity = child.Path is null ? 0.45 : Math.Min(1.0, 0.55 + (0.15 * depth));
            var label = child.Path ?? $"{node.Path?.TrimEnd('/')}/… (files and small directories)";
            html.Append(CultureInfo.InvariantCulture,
                $"<g><title>{E(label)}: {E(ByteSize.Format(child.Size))}</title><rect x=\"{r.X:0.##}\" y=\"{r.Y:0.##}\" width=\"{r.Width:0.##}\" height=\"{r.Height:0.##}\" fill=\"{fill}\" fill-opacity=\"{opacity:0.##}\" stroke=\"#fff\" stroke-width=\"1\"/>");
            if (r.Width > 50 && r.Height > LabelHeight)
            {
                var text = $"{child.Name} {ByteSize.Format(child.Size)}";
                var fits = (int)((r.Width - 6) / 6.5);
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{r.X + 3:0.##}\" y=\"{r.Y + 12:0.##}\">{E(text.Length <= fits ? text : text[..Math.Max(1, fits - 1)] + "…")}</text>");
            }

            html.Append("</g>\n");
            if (child.Children.Count > 0 && r.Width > 24 && r.Height > LabelHeight + 12)
            {
                DrawChildren(html, child, new Treemap.Rect(r.X + Inset, r.Y + LabelHeight, r.Width - (2 * Inset), r.Height - LabelHeight - Inset), depth + 1, fill);
            }
        }
    }

    private static void Row(StringBuilder html, string key, string valueHtml) =>
        html.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(valueHtml).Append("</td></tr>\n");

    private static string Bar(long value, long max) =>
        $"<span class=\"bar\" style=\"width:{Math.Max(value > 0 ? 1 : 0, (int)Math.Round(200.0 * value / max)).ToString(CultureInfo.InvariantCulture)}px\"></span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
