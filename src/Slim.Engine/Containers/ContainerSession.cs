using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Slim.Engine;

namespace Slim.Engine.Containers;

/// <summary>
/// One container slim runs (the sensor, or the slim image during verification), from create to
/// remove. Disposing removes it, whatever happened before (a crash, Ctrl-C), unless asked to keep it.
/// </summary>
public sealed class ContainerSession : IAsyncDisposable
{
    /// <summary>Every container slim creates carries this label, so leftovers can be found and proven absent.</summary>
    public const string Label = "org.slim.run";

    private const int RemoveAttempts = 8;

    private readonly EngineClient _engine;
    private readonly bool _keep;

    private ContainerSession(EngineClient engine, string id, string image, bool keep)
    {
        _engine = engine;
        Id = id;
        Image = image;
        _keep = keep;
    }

    public string Id { get; }

    public string Image { get; }

    private IContainerOperations Containers => _engine.Api.Containers;

    public static async Task<ContainerSession> CreateAsync(
        EngineClient engine, CreateContainerParameters parameters, string purpose, bool keep, CancellationToken cancellationToken)
    {
        parameters.Labels ??= new Dictionary<string, string>();
        parameters.Labels[Label] = purpose;
        try
        {
            // Not cancellable: an engine that already created the container would leave it behind unnamed to us.
            var created = await engine.Api.Containers.CreateContainerAsync(parameters, CancellationToken.None).ConfigureAwait(false);
            var session = new ContainerSession(engine, created.ID, parameters.Image, keep);
            if (cancellationToken.IsCancellationRequested)
            {
                await session.DisposeAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return session;
        }
        catch (Exception e) when (EngineClient.Map(e, parameters.Image, "create a container from") is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Unpacks a tar stream at <paramref name="path"/> inside the container (the engine's archive API: works remotely too).</summary>
    public async Task CopyInAsync(string path, Stream tar, CancellationToken cancellationToken)
    {
        try
        {
            await Containers.ExtractArchiveToContainerAsync(Id, new CopyToContainerParameters { Path = path }, tar, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (EngineClient.Map(e, Image, $"copy into the container at {path}") is { } mapped)
        {
            throw mapped;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Containers.StartContainerAsync(Id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (EngineClient.Map(e, Image, "start a container from") is { } mapped)
        {
            throw mapped;
        }
    }

    public Task<ContainerInspectResponse> InspectAsync(CancellationToken cancellationToken) =>
        Containers.InspectContainerAsync(Id, cancellationToken);

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken) =>
        (await InspectAsync(cancellationToken).ConfigureAwait(false)).State?.Running == true;

    /// <summary>Container port ("8080/tcp") to the host port the engine picked on 127.0.0.1.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PublishedPortsAsync(CancellationToken cancellationToken)
    {
        var inspect = await InspectAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (port, bindings) in inspect.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>())
        {
            var binding = bindings?.FirstOrDefault(b => int.TryParse(b.HostPort, out _));
            if (binding is not null)
            {
                result[port] = int.Parse(binding.HostPort, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return result;
    }

    public Task SignalAsync(string signal, CancellationToken cancellationToken) =>
        Containers.KillContainerAsync(Id, new ContainerKillParameters { Signal = signal }, cancellationToken);

    /// <summary>Waits for the container to stop; null when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<long?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var response = await Containers.WaitContainerAsync(Id, limit.Token).ConfigureAwait(false);
            return response.StatusCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Asks the container to stop (SIGTERM to PID 1), then kills it if it has not stopped within <paramref name="grace"/> (at once for zero).</summary>
    public async Task<long?> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!await IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            return (await InspectAsync(cancellationToken).ConfigureAwait(false)).State?.ExitCode;
        }

        long? code = null;
        if (grace > TimeSpan.Zero)
        {
            try
            {
                await SignalAsync("SIGTERM", cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException)
            {
                // it stopped between the check and the signal
            }

            code = await WaitAsync(grace, cancellationToken).ConfigureAwait(false);
        }

        if (code is null)
        {
            try
            {
                await SignalAsync("SIGKILL", cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException)
            {
                // it stopped on its own in the meantime (409: not running)
            }

            code = await WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }

        return code;
    }

    /// <summary>Extracts regular files below <paramref name="path"/> in the container: name relative to it, bytes.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> CopyOutAsync(string path, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        ContainerArchiveResponse archive;
        try
        {
            archive = await Containers.GetArchiveFromContainerAsync(Id, new ContainerPathStatParameters { Path = path }, false, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return files;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return files;
        }

        if (archive.Stream is not { } stream)
        {
            return files;
        }

        // Docker.DotNet's chunked response stream throws at its end instead of returning 0 when a reader
        // asks past it (as TarReader does): take the bytes first, then read the tar from memory.
        using var buffered = new MemoryStream();
        await using (stream)
        {
            try
            {
                await stream.CopyToAsync(buffered, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
            }
        }

        buffered.Position = 0;
        await using var reader = new TarReader(buffered);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            var name = entry.Name;
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            var relative = slash < 0 ? name : name[(slash + 1)..];
            using var buffer = new MemoryStream();
            await entry.DataStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            files[relative] = buffer.ToArray();
        }

        return files;
    }

    /// <summary>The container's stdout and stderr so far, demultiplexed.</summary>
    public async Task<(string Stdout, string Stderr)> LogsAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var logs = await Containers.GetContainerLogsAsync(Id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken).ConfigureAwait(false);
            return await logs.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
            return ("", "");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            return;
        }

        // Never with the caller's token: cleanup must happen on Ctrl-C too. An engine still busy with a request we abandoned
        // (a copy into the container cut short by Ctrl-C) can refuse the removal for a moment: try again for a few seconds.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Containers.RemoveContainerAsync(Id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (DockerContainerNotFoundException)
            {
                return;
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException)
            {
                if (attempt == RemoveAttempts)
                {
                    return; // Cleanup must not hide the failure that brought us here; the label lets leftovers be found.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
