namespace Slim.Pipeline.Compose;

/// <summary>A Compose file as slim reads it: its services and the top-level networks and volumes they name.</summary>
/// <param name="Path">The file, as the user named it (for messages).</param>
/// <param name="Directory">Where relative paths in it (bind mounts, env_file) start.</param>
public sealed record ComposeFile(
    string Path,
    string Directory,
    IReadOnlyDictionary<string, ComposeService> Services,
    IReadOnlyDictionary<string, ComposeNetwork> Networks,
    IReadOnlyDictionary<string, ComposeNamedVolume> Volumes)
{
    /// <summary>The network a service joins when it names none.</summary>
    public const string DefaultNetwork = "default";
}
