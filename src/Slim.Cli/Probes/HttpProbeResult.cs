namespace Slim.Cli.Probes;

/// <summary>What one probe request got back: the status (null when no answer came) and the body's size and hash.</summary>
public sealed record HttpProbeResult(
    string Method,
    string Path,
    int Port,
    int? Status,
    long BodyBytes,
    string? BodySha256,
    string? Error,
    double Milliseconds);
