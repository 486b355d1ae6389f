using System.Diagnostics;
using Slim.Engine;
using Slim.Engine.Containers;
using Slim.Trace.Errors;

namespace Slim.Pipeline.Compose;

/// <summary>
/// The target's dependencies running for one run (profiling, or one verification): slim's own networks and volumes,
/// made fresh with the run's label, and each dependency's container, started in <see cref="DependencyOrder"/> and waited
/// for as its dependents' `depends_on` says. <see cref="ApplyTo"/> puts the target on the same networks (with its aliases)
/// and volumes. Disposing removes every container, volume and network it made, whatever happened (failure, Ctrl-C,
/// SIGTERM), as <see cref="ContainerSession"/> does for one container; external networks and volumes are the user's and stay.
/// </summary>
internal sealed class ComposeDependencies : IAsyncDisposable
{
    /// <summary>The value of <see cref="ContainerSession.Label"/> on everything made here.</summary>
    public const string Purpose = "compose";

    private const int RemoveAttempts = 8;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly IContainerEngine _engine;
    private readonly ComposeTarget _target;
    private readonly bool _keep;
    private readonly string _prefix = "slim-" + Guid.NewGuid().ToString("N")[..10];
    private readonly Dictionary<string, string> _networks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _volumes = new(StringComparer.Ordinal);
    private readonly List<string> _ownNetworks = [];
    private readonly List<string> _ownVolumes = [];
    private readonly Dictionary<string, ContainerSession> _containers = new(StringComparer.Ordinal);

    private ComposeDependencies(IContainerEngine engine, ComposeTarget target, bool keep)
    {
        _engine = engine;
        _target = target;
        _keep = keep;
    }

    private static IReadOnlyDictionary<string, string> Labels => ContainerSession.WithRunLabel(new Dictionary<string, string>(StringComparer.Ordinal) { [ContainerSession.Label] = Purpose });

    /// <summary>Starts the dependencies and waits until the target may start; on any failure, what was made is removed first.</summary>
    public static async Task<ComposeDependencies> StartAsync(IContainerEngine engine, ComposeTarget target, bool keep, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(progress);
        var dependencies = new ComposeDependencies(engine, target, keep);
        try
        {
            await dependencies.StartAsync(progress, cancellationToken).ConfigureAwait(false);
            return dependencies;
        }
        catch
        {
            await dependencies.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The target's container on its networks (its service name and aliases there) with its volumes, besides what <paramref name="spec"/> has.</summary>
    public ContainerSpec ApplyTo(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var service = _target.Service;
        var networks = service.Networks.Select(n => _networks[n.Name]).ToList();
        var aliases = new Dictionary<string, IReadOnlyList<string>>(spec.NetworkAliases, StringComparer.Ordinal);
        foreach (var network in service.Networks)
        {
            aliases[_networks[network.Name]] = [service.Name, .. network.Aliases];
        }

        return spec with
        {
            Networks = [.. networks, .. spec.Networks.Where(n => !networks.Contains(n, StringComparer.Ordinal))],
            NetworkAliases = aliases,
            Binds = [.. spec.Binds, .. Binds(service)],
        };
    }

    private async Task StartAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var services = _target.Dependencies.Append(_target.Service).ToList();
        foreach (var name in services.SelectMany(s => s.Networks).Select(n => n.Name).Distinct(StringComparer.Ordinal))
        {
            var network = _target.File.Networks[name];
            if (network.ExternalName is { } external)
            {
                if (!await _engine.NetworkExistsAsync(external, cancellationToken).ConfigureAwait(false))
                {
                    throw new ComposeException(ErrorReason.BadInput, external, $"{_target.File.Path}: networks.{name}: the external network '{external}' does not exist in the engine");
                }

                _networks[name] = external;
                continue;
            }

            // Not cancellable, as a container's creation is not: the engine may make it after all, and it would be left unnamed to us.
            var engineName = $"{_prefix}-{name}";
            await _engine.CreateNetworkAsync(engineName, Labels, CancellationToken.None).ConfigureAwait(false);
            _ownNetworks.Add(engineName);
            _networks[name] = engineName;
            cancellationToken.ThrowIfCancellationRequested();
        }

        foreach (var service in services)
        {
            var anonymous = 0;
            foreach (var volume in service.Volumes.Where(v => v.Kind != ComposeVolumeKind.Bind))
            {
                var key = volume.Kind == ComposeVolumeKind.Named ? volume.Source! : $"{service.Name}/{anonymous++}";
                if (_volumes.ContainsKey(key))
                {
                    continue;
                }

                if (volume.Kind == ComposeVolumeKind.Named && _target.File.Volumes[key].ExternalName is { } external)
                {
                    _volumes[key] = external;
                    continue;
                }

                var engineName = volume.Kind == ComposeVolumeKind.Named ? $"{_prefix}-{key}" : $"{_prefix}-{service.Name}-{anonymous - 1}";
                await _engine.CreateVolumeAsync(engineName, Labels, CancellationToken.None).ConfigureAwait(false);
                _ownVolumes.Add(engineName);
                _volumes[key] = engineName;
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        foreach (var service in _target.Dependencies)
        {
            await WaitForAsync(service, progress, cancellationToken).ConfigureAwait(false);
            progress($"starting the compose service {service.Name} ({service.Image})");
            var spec = new ContainerSpec
            {
                Image = service.Image!,
                Entrypoint = service.Entrypoint,
                Cmd = service.Command,
                Env = service.Environment,
                Networks = service.Networks.Select(n => _networks[n.Name]).ToList(),
                NetworkAliases = service.Networks.ToDictionary(n => _networks[n.Name], n => (IReadOnlyList<string>)[service.Name, .. n.Aliases], StringComparer.Ordinal),
                Binds = Binds(service),
                Healthcheck = service.Healthcheck is { } h ? new ContainerHealthcheck(h.Test) { Interval = h.Interval, Timeout = h.Timeout, Retries = h.Retries, StartPeriod = h.StartPeriod } : null,
            };
            var session = await ContainerSession.CreateAsync(_engine, spec, Purpose, _keep, cancellationToken).ConfigureAwait(false);
            _containers[service.Name] = session;
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        await WaitForAsync(_target.Service, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until every service <paramref name="dependent"/> depends on (and slim started) is as its condition asks.</summary>
    private async Task WaitForAsync(ComposeService dependent, Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var dependency in dependent.DependsOn)
        {
            if (!_containers.TryGetValue(dependency.Service, out var session) || dependency.Condition == DependencyCondition.Started)
            {
                continue; // excluded from the run, or running is all it asks
            }

            var wanted = dependency.Condition == DependencyCondition.Healthy ? "healthy" : "completed successfully";
            progress($"waiting until {dependency.Service} is {wanted} ({dependent.Name} depends on it)");
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var state = await session.InspectAsync(cancellationToken).ConfigureAwait(false);
                if (dependency.Condition == DependencyCondition.CompletedSuccessfully && !state.Running)
                {
                    if (state.ExitCode == 0)
                    {
                        break;
                    }

                    throw await FailureAsync(session, dependency.Service, $"exited {state.ExitCode} ({dependent.Name} waits for service_completed_successfully)").ConfigureAwait(false);
                }

                if (dependency.Condition == DependencyCondition.Healthy)
                {
                    if (state.Health == "healthy")
                    {
                        break;
                    }

                    if (state.Health is null)
                    {
                        throw new ComposeException($"{_target.File.Path}: services.{dependent.Name}.depends_on.{dependency.Service}: service_healthy, but {dependency.Service} has no healthcheck (add healthcheck: to it)");
                    }

                    if (state.Health == "unhealthy" || !state.Running)
                    {
                        throw await FailureAsync(session, dependency.Service, state.Running ? "is unhealthy (its healthcheck failed)" : $"exited {state.ExitCode} before it was healthy").ConfigureAwait(false);
                    }
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw await FailureAsync(session, dependency.Service, $"was not {wanted} after {clock.Elapsed.TotalMinutes:0} minutes").ConfigureAwait(false);
                }

                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<ComposeException> FailureAsync(ContainerSession session, string service, string what)
    {
        var logs = await session.LogsAsync(CancellationToken.None).ConfigureAwait(false);
        var last = (logs.Stderr.Text + "\n" + logs.Stdout.Text).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return new ComposeException(ErrorReason.Failed, service, $"the compose service {service} {what}{(last is null ? "" : "; its last words: " + last)}");
    }

    private List<string> Binds(ComposeService service)
    {
        var anonymous = 0;
        return service.Volumes.Select(v => v.Kind switch
        {
            ComposeVolumeKind.Bind => v.Source!,
            ComposeVolumeKind.Named => _volumes[v.Source!],
            _ => _volumes[$"{service.Name}/{anonymous++}"],
        } + ":" + v.Target + (v.ReadOnly ? ":ro" : "")).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            return; // --keep-sensor: the sensor stays on these networks; all of it carries the label to be found by
        }

        foreach (var session in _containers.Values.Reverse())
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        // Never with a caller's token, and again for a few seconds: the engine may still be letting go of a container.
        foreach (var volume in _ownVolumes)
        {
            await RemoveAsync(() => _engine.RemoveVolumeAsync(volume, CancellationToken.None)).ConfigureAwait(false);
        }

        foreach (var network in _ownNetworks)
        {
            await RemoveAsync(() => _engine.RemoveNetworkAsync(network, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private static async Task RemoveAsync(Func<Task> remove)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await remove().ConfigureAwait(false);
                return;
            }
            catch (EngineException)
            {
                if (attempt == RemoveAttempts)
                {
                    return; // cleanup must not hide the failure that brought us here; the label lets leftovers be found
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
