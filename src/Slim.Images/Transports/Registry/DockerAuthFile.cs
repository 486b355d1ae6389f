using System.Text;
using System.Text.Json;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// Credentials from a Docker <c>config.json</c> (or a containers <c>auth.json</c>, which has the same <c>auths</c> shape):
/// <c>{"auths": {"HOST[:PORT]": {"auth": base64("user:pass")}}}</c>. Keys may be written as URLs
/// (<c>https://index.docker.io/v1/</c> is Docker Hub). Credential helpers are not run.
/// </summary>
public static class DockerAuthFile
{
    /// <summary>The credentials for <paramref name="registry"/> in the file at <paramref name="path"/>; null when it names none.</summary>
    public static RegistryCredentials? Find(string path, string registry)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageException(ImageErrorReason.InvalidReference, path, $"cannot read the auth file {path}: {e.Message}", e);
        }

        return Find(bytes, registry, path);
    }

    /// <summary>The credentials for <paramref name="registry"/> in a config.json's bytes.</summary>
    public static RegistryCredentials? Find(ReadOnlySpan<byte> json, string registry, string subject)
    {
        ArgumentNullException.ThrowIfNull(registry);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new ImageException(ImageErrorReason.InvalidReference, subject, $"the auth file {subject} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var wanted = Normalize(registry);
            foreach (var entry in auths.EnumerateObject())
            {
                if (Normalize(entry.Name) != wanted || entry.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (entry.Value.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.String && auth.GetString() is { Length: > 0 } encoded)
                {
                    string decoded;
                    try
                    {
                        decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                    }
                    catch (FormatException e)
                    {
                        throw new ImageException(ImageErrorReason.InvalidReference, subject, $"the auth file {subject}: the \"auth\" of {entry.Name} is not base64", e);
                    }

                    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0)
                    {
                        throw new ImageException(ImageErrorReason.InvalidReference, subject, $"the auth file {subject}: the \"auth\" of {entry.Name} is not base64 of user:password");
                    }

                    return new RegistryCredentials(decoded[..colon], decoded[(colon + 1)..]);
                }

                if (entry.Value.TryGetProperty("username", out var user) && user.ValueKind == JsonValueKind.String
                    && entry.Value.TryGetProperty("password", out var password) && password.ValueKind == JsonValueKind.String)
                {
                    return new RegistryCredentials(user.GetString()!, password.GetString()!);
                }
            }

            return null;
        }
    }

    /// <summary>The default config.json: $DOCKER_CONFIG/config.json, else ~/.docker/config.json.</summary>
    public static string DefaultPath(string? directory = null)
    {
        directory ??= Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        return Path.Combine(directory, "config.json");
    }

    /// <summary>A key of <c>auths</c> as a bare host: scheme and path dropped, Docker Hub's many names made one.</summary>
    internal static string Normalize(string key)
    {
        var host = key;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            host = host[..slash];
        }

        host = host.ToLowerInvariant();
        return host is "index.docker.io" or "registry-1.docker.io" or "registry.hub.docker.com" ? "docker.io" : host;
    }
}
