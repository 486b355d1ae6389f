namespace Slim.Images.Transports.Registry;

/// <summary>How slim talks to registries: credentials, trust and the patience it has with a rate limit.</summary>
public sealed record RegistryOptions
{
    public static readonly RegistryOptions Default = new();

    /// <summary>--creds USER:PASS: used for every registry, before any auth file.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>--authfile: a Docker config.json (or containers auth.json) read instead of ~/.docker/config.json.</summary>
    public string? AuthFile { get; init; }

    /// <summary>--cert-dir: a directory of CA certificates (*.crt) and client certificates (*.cert with *.key).</summary>
    public string? CertDirectory { get; init; }

    /// <summary>--tls-verify=false: accept any certificate, and plain HTTP when the registry does not speak TLS.</summary>
    public bool TlsVerify { get; init; } = true;

    /// <summary>How often a request answered 429 (or 503) is tried again before giving up.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The longest wait between two tries, whatever Retry-After asks.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The first wait when the registry sends no Retry-After (doubled each time).</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where ~/.docker/config.json is looked for when no <see cref="AuthFile"/> is given ($DOCKER_CONFIG, else $HOME/.docker).</summary>
    public string? DockerConfigDirectory { get; init; }
}
