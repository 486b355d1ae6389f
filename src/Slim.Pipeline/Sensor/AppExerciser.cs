using Slim.Engine.Containers;
using Slim.Pipeline.Probes;

namespace Slim.Pipeline.Sensor;

/// <summary>
/// Exercises a started container the same way for the sensor run and for verification: HTTP probes
/// on its published ports, exec commands, then waits for the `--continue-after` event and stops it.
/// </summary>
internal sealed class AppExerciser(string probeHost, SensorOptions options, Func<string, IReadOnlyList<string>> execCommand, Action<string> progress, TimeSpan stopMargin)
{
    public async Task<ProbeOutcome> RunAsync(ContainerSession session, ContinueAfter continueAfter, string? execUser, CancellationToken cancellationToken)
    {
        var http = new List<HttpProbeResult>();
        var execs = new List<ExecResult>();
        var unanswered = new List<string>();
        var host = probeHost;

        if (continueAfter.Kind != ContinueAfterKind.Exit && options.HttpProbe)
        {
            var ports = await session.PublishedPortsAsync(cancellationToken).ConfigureAwait(false);
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
                var ready = await probe.WaitUntilReadyAsync(root, session.IsRunningAsync, cancellationToken).ConfigureAwait(false);
                if (!ready)
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
                execs.Add(await session.ExecAsync(execCommand(snippet), execUser, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false));
            }
        }

        await WaitForEventAsync(session, continueAfter, cancellationToken).ConfigureAwait(false);
        progress("stopping the app");
        var exit = await session.StopAsync(options.StopGrace + stopMargin, cancellationToken).ConfigureAwait(false);
        var logs = await session.LogsAsync(cancellationToken).ConfigureAwait(false);
        return new ProbeOutcome(http, execs, unanswered, exit, logs.Stdout, logs.Stderr);
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
