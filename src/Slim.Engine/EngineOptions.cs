namespace Slim.Engine;

/// <summary>How to reach the engine: an explicit endpoint, else DOCKER_HOST, else the local socket.</summary>
public sealed record EngineOptions
{
    public const string DefaultSocket = "unix:///var/run/docker.sock";

    /// <summary>The newest engine API version slim is tested against; a newer engine is spoken to in this version.</summary>
    public static readonly Version TestedApiVersion = new(1, 41);

    /// <summary>The oldest engine API version slim accepts.</summary>
    public static readonly Version MinimumApiVersion = new(1, 40);

    public Uri? Endpoint { get; init; }

    /// <summary>The API version to speak: the engine's when older than the tested one, else the tested one; null when the engine is too old.</summary>
    public static Version? Pin(Version engine) =>
        engine < MinimumApiVersion ? null : engine < TestedApiVersion ? engine : TestedApiVersion;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The endpoint to use: explicit, then DOCKER_HOST (unix:// or tcp://), then the default socket.</summary>
    public Uri ResolveEndpoint() => ResolveEndpoint(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    public Uri ResolveEndpoint(string? host)
    {
        if (Endpoint is not null)
        {
            return Endpoint;
        }

        if (string.IsNullOrWhiteSpace(host))
        {
            return new Uri(DefaultSocket);
        }

        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "https"))
        {
            throw new EngineException(EngineErrorReason.Unavailable, host, $"DOCKER_HOST='{host}' is not a unix:// or tcp:// address");
        }

        return uri;
    }
}
