using Slim.Engine.Containers;
using Slim.Images.Model;

namespace Slim.Engine;

/// <summary>
/// What slim asks of a container engine: images to inspect, export, load, tag and remove, and containers to create, fill,
/// start, watch, exec into, empty and remove. <see cref="EngineClient"/> speaks it to Docker's API; the sensor run and
/// verification take this interface, so they run against a fake in unit tests. Failures are <see cref="EngineException"/>s.
/// </summary>
public interface IContainerEngine
{
    Uri Endpoint { get; }

    /// <summary>True when the engine runs on this machine (a socket, or TCP on a loopback address).</summary>
    bool IsLocal { get; }

    /// <summary>Where containers publish their ports for the probes.</summary>
    string PublishAddress { get; }

    /// <summary>The host the probes connect to.</summary>
    string ProbeHost { get; }

    /// <summary>The engine's view of an image: its ID (the config digest), size and run configuration.</summary>
    Task<EngineImage> InspectImageAsync(string name, CancellationToken cancellationToken);

    /// <summary>The `docker save` stream of one image.</summary>
    Task<Stream> ExportImageAsync(string name, CancellationToken cancellationToken);

    /// <summary>Loads a `docker save`-format stream; fails when the engine reports an error.</summary>
    Task LoadImageAsync(Stream archive, string subject, CancellationToken cancellationToken);

    /// <summary>Points <paramref name="reference"/> at the image <paramref name="id"/>.</summary>
    Task TagImageAsync(string id, ImageReference reference, CancellationToken cancellationToken);

    /// <summary>Removes an image slim made itself; one that is gone already is no failure.</summary>
    Task RemoveImageAsync(string id, CancellationToken cancellationToken);

    /// <summary>True when a network of that name or ID exists (`--network` joins only one the user made).</summary>
    Task<bool> NetworkExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates a user-defined bridge network slim owns (the services of a Compose file run on it); returns its ID.</summary>
    Task<string> CreateNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Removes a network slim made; one that is gone already is no failure.</summary>
    Task RemoveNetworkAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates a local volume slim owns (a Compose service's named or anonymous volume, fresh for each run).</summary>
    Task CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Removes a volume slim made; one that is gone already is no failure.</summary>
    Task RemoveVolumeAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates a container (not started) on the networks its spec names; returns its ID.</summary>
    Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken);

    /// <summary>Unpacks a tar stream at <paramref name="path"/> inside the container.</summary>
    Task CopyIntoContainerAsync(string id, string path, Stream tar, CancellationToken cancellationToken);

    /// <summary>A tar stream of <paramref name="path"/> in the container (its last name component first); null when there is none.</summary>
    Task<Stream?> CopyFromContainerAsync(string id, string path, CancellationToken cancellationToken);

    Task StartContainerAsync(string id, CancellationToken cancellationToken);

    Task<ContainerState> InspectContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>Sends a signal ("SIGTERM") to the container's PID 1.</summary>
    Task SignalContainerAsync(string id, string signal, CancellationToken cancellationToken);

    /// <summary>Waits until the container stops and returns its exit code.</summary>
    Task<long> WaitContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>The container's stdout and stderr so far.</summary>
    Task<ContainerLogs> ContainerLogsAsync(string id, CancellationToken cancellationToken);

    /// <summary>Runs a command in the running container and waits for it.</summary>
    Task<ExecResult> ExecAsync(string id, IReadOnlyList<string> command, string? user, CancellationToken cancellationToken);

    /// <summary>Removes the container, running or not, with its anonymous volumes; one that is gone already is no failure.</summary>
    Task RemoveContainerAsync(string id, CancellationToken cancellationToken);
}
