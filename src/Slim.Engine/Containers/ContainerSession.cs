namespace Slim.Engine.Containers;

/// <summary>
/// One container slim runs (the sensor, or the slim image during verification), from create to
/// remove. Disposing removes it, whatever happened before (a crash, Ctrl-C), unless asked to keep it.
/// </summary>
public sealed class ContainerSession : IAsyncDisposable
{
    /// <summary>Every container slim creates carries this label, so leftovers can be found and proven absent.</summary>
    public const string Label = "org.slim.run";

    /// <summary>
    /// An environment variable holding one more label (<c>key=value</c>) for every container slim creates, so a CI job
    /// or a test run that shares an engine with others can tell its own containers (and leftovers) from theirs.
    /// </summary>
    public const string RunLabelVariable = "SLIM_RUN_LABEL";

    private const int RemoveAttempts = 8;

    private readonly IContainerEngine _engine;
    private readonly bool _keep;

    private ContainerSession(IContainerEngine engine, string id, string image, bool keep)
    {
        _engine = engine;
        Id = id;
        Image = image;
        _keep = keep;
    }

    public string Id { get; }

    public string Image { get; }

    /// <summary>Adds the label <see cref="RunLabelVariable"/> names, if set, to labels of anything slim creates in the engine.</summary>
    public static Dictionary<string, string> WithRunLabel(Dictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (Environment.GetEnvironmentVariable(RunLabelVariable) is { } runLabel && runLabel.Split('=', 2) is [{ Length: > 0 } key, .. var rest] && key.Trim().Length > 0)
        {
            labels[key.Trim()] = rest.Length > 0 ? rest[0] : "";
        }

        return labels;
    }

    public static async Task<ContainerSession> CreateAsync(
        IContainerEngine engine, ContainerSpec spec, string purpose, bool keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(spec);
        var labels = WithRunLabel(new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal) { [Label] = purpose });

        // Not cancellable: an engine that already created the container would leave it behind unnamed to us.
        var id = await engine.CreateContainerAsync(spec with { Labels = labels }, CancellationToken.None).ConfigureAwait(false);
        var session = new ContainerSession(engine, id, spec.Image, keep);
        if (cancellationToken.IsCancellationRequested)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return session;
    }

    /// <summary>Unpacks a tar stream at <paramref name="path"/> inside the container (the engine's archive API: works remotely too).</summary>
    public Task CopyInAsync(string path, Stream tar, CancellationToken cancellationToken) =>
        _engine.CopyIntoContainerAsync(Id, path, tar, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => _engine.StartContainerAsync(Id, cancellationToken);

    public Task<ContainerState> InspectAsync(CancellationToken cancellationToken) => _engine.InspectContainerAsync(Id, cancellationToken);

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken) =>
        (await InspectAsync(cancellationToken).ConfigureAwait(false)).Running;

    /// <summary>Container port ("8080/tcp") to the host port the engine picked.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PublishedPortsAsync(CancellationToken cancellationToken) =>
        (await InspectAsync(cancellationToken).ConfigureAwait(false)).Ports;

    public Task SignalAsync(string signal, CancellationToken cancellationToken) => _engine.SignalContainerAsync(Id, signal, cancellationToken);

    /// <summary>Waits for the container to stop; null when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<long?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await _engine.WaitContainerAsync(Id, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Asks the container to stop (SIGTERM to PID 1), then kills it if it has not stopped within <paramref name="grace"/> (at once for zero).</summary>
    public async Task<long?> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var state = await InspectAsync(cancellationToken).ConfigureAwait(false);
        if (!state.Running)
        {
            return state.ExitCode;
        }

        long? code = null;
        if (grace > TimeSpan.Zero)
        {
            try
            {
                await SignalAsync("SIGTERM", cancellationToken).ConfigureAwait(false);
            }
            catch (EngineException e) when (e.Detail != EngineErrorReason.Unavailable)
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
            catch (EngineException e) when (e.Detail != EngineErrorReason.Unavailable)
            {
                // it stopped on its own in the meantime (409: not running)
            }

            code = await WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }

        return code;
    }

    /// <summary>Runs a command in the container; a command still running after <paramref name="timeout"/> is a failure.</summary>
    public async Task<ExecResult> ExecAsync(IReadOnlyList<string> command, string? user, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await _engine.ExecAsync(Id, command, user, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EngineException(EngineErrorReason.Failed, Id, $"exec `{string.Join(' ', command.TakeLast(1))}` ran longer than {timeout.TotalMinutes:0} min");
        }
    }

    /// <summary>Extracts regular files below <paramref name="path"/> in the container: name relative to it, bytes; none when it is not there.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> CopyOutAsync(string path, CancellationToken cancellationToken)
    {
        var tar = await _engine.CopyFromContainerAsync(Id, path, cancellationToken).ConfigureAwait(false);
        if (tar is null)
        {
            return new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }

        await using (tar)
        {
            return await ContainerArchive.ReadFilesAsync(tar, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The container's stdout and stderr so far; empty when the engine cannot say.</summary>
    public async Task<ContainerLogs> LogsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _engine.ContainerLogsAsync(Id, cancellationToken).ConfigureAwait(false);
        }
        catch (EngineException e) when (e.Detail != EngineErrorReason.Unavailable)
        {
            return new ContainerLogs(CapturedOutput.Empty, CapturedOutput.Empty);
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
                await _engine.RemoveContainerAsync(Id, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (EngineException)
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
