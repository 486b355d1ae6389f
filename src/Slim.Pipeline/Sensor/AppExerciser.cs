using Slim.Engine.Containers;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Sensor;

/// <summary>
/// Exercises a started container the same way for the sensor run and for verification: HTTP probes
/// on its published ports, exec commands and the image's HEALTHCHECK, then waits for the `--continue-after` event and
/// stops it.
/// </summary>
/// <param name="execCommand">How a command is run inside the container (under an exec'd tracer for the sensor).</param>
internal sealed class AppExerciser(string probeHost, SensorOptions options, Func<IReadOnlyList<string>, IReadOnlyList<string>> execCommand, Action<string> progress, TimeSpan stopMargin)
{
    private static readonly TimeSpan HealthcheckTimeout = TimeSpan.FromMinutes(1);

    /// <param name="healthcheck">The image's HEALTHCHECK command, run once after the exec snippets when probing.</param>
    public async Task<ProbeOutcome> RunAsync(ContainerSession session, ContinueAfter continueAfter, string? execUser, IReadOnlyList<string>? healthcheck, CancellationToken cancellationToken)
    {
        var http = new List<HttpProbeResult>();
        var execs = new List<ExecResult>();
        var hosts = new List<HostCommandResult>();
        var unanswered = new List<string>();
        var tcp = new List<string>();
        var host = probeHost;
        var probing = continueAfter.Kind != ContinueAfterKind.Exit;
        IReadOnlyDictionary<string, int> ports = new Dictionary<string, int>(StringComparer.Ordinal);
        if (probing && (options.HttpProbe || options.HostExec.Count > 0))
        {
            ports = await session.PublishedPortsAsync(cancellationToken).ConfigureAwait(false);
            if (options.HttpProbeOptions.StartWait > TimeSpan.Zero)
            {
                progress($"waiting {options.HttpProbeOptions.StartWait.TotalSeconds:0.#} s before probing");
                await Task.Delay(options.HttpProbeOptions.StartWait, cancellationToken).ConfigureAwait(false);
            }
        }

        if (probing && options.HttpProbe)
        {
            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
            var probe = new HttpProbe(client, options.HttpProbeOptions);
            foreach (var (containerPort, hostPort) in ports.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!containerPort.EndsWith("/tcp", StringComparison.Ordinal) || !Wanted(containerPort))
                {
                    continue;
                }

                var root = new Uri($"http://{host}:{hostPort}/");
                progress($"waiting for port {containerPort}");
                var answer = await probe.WaitForAnswerAsync(root, session.IsRunningAsync, cancellationToken).ConfigureAwait(false);
                if (answer == PortAnswer.Tcp)
                {
                    progress($"port {containerPort} does not speak HTTP: recorded as tcp");
                    tcp.Add(containerPort);
                    continue;
                }

                if (answer == PortAnswer.None)
                {
                    unanswered.Add(containerPort);
                    if (!await session.IsRunningAsync(cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                progress($"probing port {containerPort}");
                var number = int.Parse(containerPort.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);
                http.AddRange(await probe.RunAsync(root, number, cancellationToken).ConfigureAwait(false));
            }
        }

        if (await session.IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var snippet in options.Exec)
            {
                progress($"exec: {snippet}");
                execs.Add(await session.ExecAsync(execCommand(["/bin/sh", "-c", snippet]), execUser, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false));
            }

            // As the engine runs it, as the container's user; its exit code and output are compared like an exec's.
            if (probing && healthcheck is not null)
            {
                progress($"healthcheck: {string.Join(' ', healthcheck)}");
                execs.Add(await session.ExecAsync(execCommand(healthcheck), execUser, HealthcheckTimeout, cancellationToken).ConfigureAwait(false));
            }
        }

        if (probing && options.HostExec.Count > 0 && await session.IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            await RunHostCommandsAsync(session, ports, unanswered, hosts, cancellationToken).ConfigureAwait(false);
        }

        await WaitForEventAsync(session, continueAfter, cancellationToken).ConfigureAwait(false);
        progress("stopping the app");
        var exit = await session.StopAsync(options.StopGrace + stopMargin, cancellationToken).ConfigureAwait(false);
        var logs = await session.LogsAsync(cancellationToken).ConfigureAwait(false);
        return new ProbeOutcome(http, execs, unanswered, exit, logs.Stdout, logs.Stderr) { HostExec = hosts, TcpPorts = tcp };
    }

    /// <summary>
    /// The host commands, once every published TCP port accepts connections a server keeps (the HTTP probe has waited for
    /// those it probed); in order, stopping at the first that fails, as a test suite's runner would.
    /// </summary>
    private async Task RunHostCommandsAsync(
        ContainerSession session, IReadOnlyDictionary<string, int> ports, List<string> unanswered, List<HostCommandResult> results, CancellationToken cancellationToken)
    {
        if (!options.HttpProbe)
        {
            foreach (var (containerPort, hostPort) in ports.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => p.Key.EndsWith("/tcp", StringComparison.Ordinal)))
            {
                progress($"waiting for port {containerPort}");
                if (!await TcpReadiness.WaitAsync(probeHost, hostPort, options.HttpProbeOptions.ReadyTimeout, session.IsRunningAsync, cancellationToken).ConfigureAwait(false))
                {
                    unanswered.Add(containerPort);
                }
            }
        }

        var runner = new HostCommandRunner(probeHost, ports, options.HostExecTimeout);
        foreach (var command in options.HostExec)
        {
            progress($"host-exec: {command}");
            var result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (result.ExitCode != 0)
            {
                progress($"host-exec: `{command}` exited {result.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "killed"}{(result.LastLine is { } line ? ": " + line : "")}");
                break;
            }
        }
    }

    private bool Wanted(string containerPort) =>
        options.HttpProbePorts.Count == 0
        || options.HttpProbePorts.Any(p => containerPort == $"{p}/tcp");

    private async Task WaitForEventAsync(ContainerSession session, ContinueAfter continueAfter, CancellationToken cancellationToken)
    {
        switch (continueAfter.Kind)
        {
            case ContinueAfterKind.Exit:
                progress("waiting for the app to exit");
                if (await session.WaitAsync(options.ExitTimeout, cancellationToken).ConfigureAwait(false) is null)
                {
                    progress($"the app still runs after {options.ExitTimeout.TotalSeconds:0} s; stopping it");
                }

                break;
            case ContinueAfterKind.Timeout:
                progress($"letting the app run for {continueAfter.Timeout.TotalSeconds:0} s");
                await Task.Delay(continueAfter.Timeout, cancellationToken).ConfigureAwait(false);
                break;
            case ContinueAfterKind.Signal:
                progress($"send SIGUSR1 to slim (kill -USR1 {Environment.ProcessId}) to end profiling");
                await (options.ProfilingSignal ?? throw new InvalidOperationException("--continue-after signal needs the signal registered"))
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                break;
            case ContinueAfterKind.Enter:
                progress("press Enter to end profiling");
                await Task.Run(Console.ReadLine, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }
}
