using System.Text.Json;
using Slim.Images.Model;

namespace Slim.Pipeline;

/// <summary>The `--new-*` options: changes to the slim image's own config (the profiling run is not affected).</summary>
public sealed record ConfigChanges
{
    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    public IReadOnlyList<string> Expose { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The original config with these changes applied; everything else (volumes, stop signal, healthcheck) is kept.</summary>
    public ContainerConfig Apply(ContainerConfig? original)
    {
        var config = original ?? new ContainerConfig();
        if (Entrypoint is not null)
        {
            // As docker does: a new entrypoint resets the command unless one is given too.
            config = config with { Entrypoint = Entrypoint, Cmd = Cmd };
        }
        else if (Cmd is not null)
        {
            config = config with { Cmd = Cmd };
        }

        if (Env.Count > 0)
        {
            var env = (config.Env ?? []).ToList();
            foreach (var pair in Env)
            {
                var name = pair.Split('=', 2)[0];
                env.RemoveAll(e => e.Split('=', 2)[0] == name);
                env.Add(pair);
            }

            config = config with { Env = env };
        }

        if (WorkingDir is not null)
        {
            config = config with { WorkingDir = WorkingDir };
        }

        if (User is not null)
        {
            config = config with { User = User };
        }

        if (Expose.Count > 0)
        {
            var ports = new Dictionary<string, JsonElement>(config.ExposedPorts ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
            foreach (var port in Expose)
            {
                ports[port.Contains('/', StringComparison.Ordinal) ? port : port + "/tcp"] = JsonDocument.Parse("{}").RootElement.Clone();
            }

            config = config with { ExposedPorts = ports };
        }

        if (Labels.Count > 0)
        {
            var labels = new Dictionary<string, string>(config.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (key, value) in Labels)
            {
                labels[key] = value;
            }

            config = config with { Labels = labels };
        }

        return config;
    }
}
