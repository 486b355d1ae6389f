using System.Text.Json;

namespace Slim.Rebuild.Seccomp;

/// <summary>Reads and writes Docker seccomp profiles.</summary>
public static class SeccompProfileJson
{
    public static async Task WriteAsync(SeccompProfile profile, Stream destination, CancellationToken cancellationToken = default) =>
        await JsonSerializer.SerializeAsync(destination, profile, SeccompJsonContext.Default.SeccompProfile, cancellationToken).ConfigureAwait(false);

    public static string Serialize(SeccompProfile profile) =>
        JsonSerializer.Serialize(profile, SeccompJsonContext.Default.SeccompProfile);

    public static SeccompProfile? Deserialize(string json) =>
        JsonSerializer.Deserialize(json, SeccompJsonContext.Default.SeccompProfile);
}
