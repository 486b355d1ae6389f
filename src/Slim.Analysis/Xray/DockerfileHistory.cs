using Slim.Images.Model;

namespace Slim.Analysis.Xray;

/// <summary>Turns a config's history into Dockerfile-like steps, each tied to the layer it made.</summary>
public static class DockerfileHistory
{
    private const string Shell = "/bin/sh -c ";
    private const string Nop = "#(nop) ";
    private const string BuildKit = " # buildkit";

    /// <summary>The steps in order; the n-th step that is not an empty layer made layer n.</summary>
    public static IReadOnlyList<XrayHistoryStep> Steps(IReadOnlyList<HistoryEntry>? history, int layerCount)
    {
        var steps = new List<XrayHistoryStep>();
        var layer = 0;
        foreach (var entry in history ?? [])
        {
            var empty = entry.EmptyLayer == true;
            int? index = empty || layer >= layerCount ? null : layer;
            if (!empty)
            {
                layer++;
            }

            var instruction = string.IsNullOrWhiteSpace(entry.CreatedBy) && !string.IsNullOrWhiteSpace(entry.Comment)
                ? "# " + entry.Comment.Trim() // `docker import` leaves only its message
                : Instruction(entry.CreatedBy);
            steps.Add(new XrayHistoryStep(instruction, empty, index, entry.Created));
        }

        return steps;
    }

    /// <summary>
    /// The instruction as a Dockerfile would say it: the classic builder's <c>/bin/sh -c #(nop) CMD ...</c> becomes
    /// <c>CMD ...</c>, <c>/bin/sh -c apt-get ...</c> (with or without <c>|N ARG=...</c> build arguments) becomes <c>RUN apt-get ...</c>,
    /// BuildKit's <c>RUN /bin/sh -c ... # buildkit</c> loses its shell and marker.
    /// </summary>
    public static string Instruction(string? createdBy)
    {
        if (string.IsNullOrWhiteSpace(createdBy))
        {
            return "(unknown)";
        }

        var text = createdBy.Trim();
        if (text.EndsWith(BuildKit, StringComparison.Ordinal))
        {
            text = text[..^BuildKit.Length].TrimEnd();
        }

        if (text.StartsWith("RUN " + Shell, StringComparison.Ordinal))
        {
            return "RUN " + text[("RUN " + Shell).Length..].Trim();
        }

        if (text.StartsWith('|'))
        {
            // classic builder with build arguments: "|2 A=1 B=2 /bin/sh -c make"
            var shell = text.IndexOf(Shell, StringComparison.Ordinal);
            if (shell > 0)
            {
                text = text[shell..];
            }
        }

        if (text.StartsWith(Shell, StringComparison.Ordinal))
        {
            var command = text[Shell.Length..].Trim();
            return command.StartsWith(Nop, StringComparison.Ordinal) ? command[Nop.Length..].Trim() : "RUN " + command;
        }

        return text;
    }
}
