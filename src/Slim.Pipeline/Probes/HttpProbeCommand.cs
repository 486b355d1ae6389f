namespace Slim.Pipeline.Probes;

/// <summary>
/// One request the user asks the HTTP probe to make (`--http-probe-cmd "POST /api"` or an entry
/// of `--http-probe-cmd-file`). Port null means every probed port.
/// </summary>
public sealed record HttpProbeCommand(
    string Method,
    string Path,
    int? Port = null,
    string? Body = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Parses "PATH", "METHOD PATH" or "METHOD PATH BODY..." as slimtoolkit's flag takes it.</summary>
    public static HttpProbeCommand Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => throw new BuildException(Slim.Trace.Errors.ErrorReason.BadInput, "--http-probe-cmd", "an empty HTTP probe command"),
            1 => new HttpProbeCommand("GET", NormalizePath(parts[0])),
            2 => new HttpProbeCommand(parts[0].ToUpperInvariant(), NormalizePath(parts[1])),
            _ => new HttpProbeCommand(parts[0].ToUpperInvariant(), NormalizePath(parts[1]), Body: parts[2]),
        };
    }

    private static string NormalizePath(string path) => path.StartsWith('/') ? path : "/" + path;
}
