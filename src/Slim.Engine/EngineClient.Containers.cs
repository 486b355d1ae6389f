using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using Slim.Engine.Containers;
using ContainerSpec = Slim.Engine.Containers.ContainerSpec;
using ContainerState = Slim.Engine.Containers.ContainerState;

namespace Slim.Engine;

/// <summary>The container half of <see cref="EngineClient"/>: Docker's container and exec APIs behind <see cref="IContainerEngine"/>.</summary>
public sealed partial class EngineClient
{
    // Failures name the image a container runs, as users know it, not the container's ID.
    private readonly ConcurrentDictionary<string, string> _containerImages = new(StringComparer.Ordinal);

    private string Subject(string id) => _containerImages.GetValueOrDefault(id, id);

    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parameters = new CreateContainerParameters
        {
            Image = spec.Image,
            Entrypoint = spec.Entrypoint?.ToList()!, // null: the image's own
            Cmd = spec.Cmd?.ToList()!,
            Env = spec.Env.ToList(),
            User = spec.User ?? "",
            WorkingDir = spec.WorkingDir ?? "",
            Labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal),
            ExposedPorts = spec.Ports.ToDictionary(p => p, _ => default(EmptyStruct), StringComparer.Ordinal),
            Volumes = spec.Volumes.Count == 0 ? null! : spec.Volumes.ToDictionary(v => v, _ => default(EmptyStruct), StringComparer.Ordinal),
            HostConfig = new HostConfig
            {
                CapAdd = spec.CapAdd.Count == 0 ? null! : spec.CapAdd.ToList(), // null: none added (as before, not an empty list)
                CapDrop = spec.CapDrop.Count == 0 ? null! : spec.CapDrop.ToList(),
                SecurityOpt = spec.SecurityOpt.ToList(),
                ReadonlyRootfs = spec.ReadOnlyRootfs,
                Tmpfs = spec.Tmpfs.Count == 0 ? null! : spec.Tmpfs.ToDictionary(t => t.Split(':', 2)[0], t => t.Split(':', 2) is [_, var options] ? options : "", StringComparer.Ordinal),
                // On a port the engine picks, on loopback only for a local engine.
                PortBindings = spec.Ports.ToDictionary(p => p, _ => (IList<PortBinding>)[new PortBinding { HostIP = PublishAddress, HostPort = "" }], StringComparer.Ordinal),
                Binds = spec.Binds.ToList(),
                NetworkMode = spec.Networks.Count > 0 ? spec.Networks[0] : null!, // null: the default bridge
            },
            Healthcheck = spec.Healthcheck is { } health ? HealthConfig(health) : null!,
            NetworkingConfig = spec.Networks.Count > 0 && EndpointFor(spec, spec.Networks[0]) is { } first
                ? new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings>(StringComparer.Ordinal) { [spec.Networks[0]] = first } }
                : null!,
        };
        var created = await CallAsync(() => Api.Containers.CreateContainerAsync(parameters, cancellationToken), spec.Image, "create a container from").ConfigureAwait(false);
        _containerImages[created.ID] = spec.Image;
        // API 1.41 takes one network at create; the others are joined before the container starts.
        foreach (var network in spec.Networks.Skip(1))
        {
            try
            {
                await CallAsync(() => Api.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = created.ID, EndpointConfig = EndpointFor(spec, network)! }, cancellationToken), network, "connect a container to the network").ConfigureAwait(false);
            }
            catch
            {
                await RemoveContainerAsync(created.ID, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        return created.ID;
    }

    /// <summary>The container's aliases on one network; null when it has none there.</summary>
    private static EndpointSettings? EndpointFor(ContainerSpec spec, string network) =>
        spec.NetworkAliases.TryGetValue(network, out var aliases) && aliases.Count > 0 ? new EndpointSettings { Aliases = aliases.ToList() } : null;

    private static HealthcheckConfig HealthConfig(ContainerHealthcheck health) => new()
    {
        Test = health.Test.ToList(),
        Interval = health.Interval,
        Timeout = health.Timeout,
        Retries = health.Retries,
        StartPeriod = health.StartPeriod,
    };

    public async Task<string> CreateNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        (await CallAsync(() => Api.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = name, Driver = "bridge", Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal) }, cancellationToken), name, "create the network").ConfigureAwait(false)).ID;

    public async Task RemoveNetworkAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(() => Api.Networks.DeleteNetworkAsync(name, cancellationToken), name, "remove the network").ConfigureAwait(false);
        }
        catch (EngineException e) when (e.Detail == EngineErrorReason.NotFound)
        {
        }
    }

    public Task CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        CallAsync(() => Api.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Driver = "local", Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal) }, cancellationToken), name, "create the volume");

    public async Task RemoveVolumeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(() => Api.Volumes.RemoveAsync(name, true, cancellationToken), name, "remove the volume").ConfigureAwait(false);
        }
        catch (EngineException e) when (e.Detail == EngineErrorReason.NotFound)
        {
        }
    }

    public async Task<bool> NetworkExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(() => Api.Networks.InspectNetworkAsync(name, cancellationToken), name, "inspect the network").ConfigureAwait(false);
            return true;
        }
        catch (EngineException e) when (e.Detail == EngineErrorReason.NotFound)
        {
            return false;
        }
    }

    public Task CopyIntoContainerAsync(string id, string path, Stream tar, CancellationToken cancellationToken) =>
        CallAsync(() => Api.Containers.ExtractArchiveToContainerAsync(id, new CopyToContainerParameters { Path = path }, tar, cancellationToken), Subject(id), $"copy into the container at {path}");

    public async Task<Stream?> CopyFromContainerAsync(string id, string path, CancellationToken cancellationToken)
    {
        ContainerArchiveResponse archive;
        try
        {
            archive = await CallAsync(() => Api.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = path }, false, cancellationToken), Subject(id), $"copy out of the container at {path}").ConfigureAwait(false);
        }
        catch (EngineException e) when (e.Detail == EngineErrorReason.NotFound)
        {
            return null;
        }

        if (archive.Stream is not { } stream)
        {
            return null;
        }

        // Docker.DotNet's chunked response stream throws at its end instead of returning 0 when a reader
        // asks past it (as TarReader does): take the bytes first, and hand out a stream that ends properly.
        var buffered = new MemoryStream();
        await using (stream)
        {
            try
            {
                await stream.CopyToAsync(buffered, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
            }
            catch (Exception e) when (Map(e, Subject(id), $"copy out of the container at {path}") is { } mapped)
            {
                throw mapped;
            }
        }

        buffered.Position = 0;
        return buffered;
    }

    public Task StartContainerAsync(string id, CancellationToken cancellationToken) =>
        CallAsync(() => Api.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken), Subject(id), "start a container from");

    public async Task<ContainerState> InspectContainerAsync(string id, CancellationToken cancellationToken)
    {
        var inspect = await CallAsync(() => Api.Containers.InspectContainerAsync(id, cancellationToken), Subject(id), "inspect the container of").ConfigureAwait(false);
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (port, bindings) in inspect.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>())
        {
            var binding = bindings?.FirstOrDefault(b => int.TryParse(b.HostPort, out _));
            if (binding is not null)
            {
                ports[port] = int.Parse(binding.HostPort, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new ContainerState(inspect.State?.Running == true, inspect.State?.ExitCode, ports) { Health = inspect.State?.Health?.Status is { Length: > 0 } health && health != "none" ? health : null };
    }

    public Task SignalContainerAsync(string id, string signal, CancellationToken cancellationToken) =>
        CallAsync(() => Api.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = signal }, cancellationToken), Subject(id), $"send {signal} to the container of");

    public async Task<long> WaitContainerAsync(string id, CancellationToken cancellationToken) =>
        (await CallAsync(() => Api.Containers.WaitContainerAsync(id, cancellationToken), Subject(id), "wait for the container of").ConfigureAwait(false)).StatusCode;

    public Task<ContainerLogs> ContainerLogsAsync(string id, CancellationToken cancellationToken) =>
        CallAsync(
            async () =>
            {
                using var logs = await Api.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken).ConfigureAwait(false);
                var (stdout, stderr) = await CaptureAsync(logs, cancellationToken).ConfigureAwait(false);
                return new ContainerLogs(stdout, stderr);
            },
            Subject(id),
            "read the logs of the container of");

    public Task<ExecResult> ExecAsync(string id, IReadOnlyList<string> command, string? user, CancellationToken cancellationToken) =>
        CallAsync(
            async () =>
            {
                var created = await Api.Exec.CreateContainerExecAsync(id, new ContainerExecCreateParameters
                {
                    Cmd = command.ToList(),
                    AttachStdout = true,
                    AttachStderr = true,
                    User = user ?? "",
                }, cancellationToken).ConfigureAwait(false);
                CapturedOutput stdout, stderr;
                using (var stream = await Api.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters(), cancellationToken).ConfigureAwait(false))
                {
                    (stdout, stderr) = await CaptureAsync(stream, cancellationToken).ConfigureAwait(false);
                }

                var inspect = await Api.Exec.InspectContainerExecAsync(created.ID, cancellationToken).ConfigureAwait(false);
                return new ExecResult(command, inspect.ExitCode ?? -1, stdout, stderr);
            },
            Subject(id),
            "exec in the container of");

    /// <summary>Reads a multiplexed output stream to its end, keeping only a bounded capture of each stream (never the whole output).</summary>
    private static async Task<(CapturedOutput Stdout, CapturedOutput Stderr)> CaptureAsync(MultiplexedStream stream, CancellationToken cancellationToken)
    {
        using var stdout = new OutputCapture();
        using var stderr = new OutputCapture();
        var buffer = new byte[81920];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                break;
            }

            (read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout).Write(buffer.AsSpan(0, read.Count));
        }

        return (stdout.Finish(), stderr.Finish());
    }

    public async Task RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(() => Api.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken), Subject(id), "remove the container of").ConfigureAwait(false);
        }
        catch (EngineException e) when (e.Detail == EngineErrorReason.NotFound)
        {
        }

        _containerImages.TryRemove(id, out _);
    }
}
