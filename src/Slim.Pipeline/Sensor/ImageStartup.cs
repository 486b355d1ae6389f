using Docker.DotNet.Models;

namespace Slim.Pipeline.Sensor;

/// <summary>How an image starts once the overrides are applied: the command, the user, the ports.</summary>
internal sealed record ImageStartup(
    IReadOnlyList<string> Command,
    string? User,
    string? WorkingDir,
    IReadOnlyList<string> Env,
    IReadOnlyList<string> Ports)
{
    public static ImageStartup From(ImageInspectResponse image, RunOverrides overrides, string subject)
    {
        var config = image.Config ?? new DockerOCIImageConfig();
        var entrypoint = overrides.Entrypoint ?? config.Entrypoint?.ToList() ?? [];

        // As docker does: a new entrypoint drops the image's CMD unless --cmd gives one.
        var cmd = overrides.Cmd ?? (overrides.Entrypoint is null ? config.Cmd?.ToList() : null) ?? [];
        var command = entrypoint.Concat(cmd).ToList();
        if (command.Count == 0)
        {
            throw new SensorException($"{subject} has neither ENTRYPOINT nor CMD: say what to run with --cmd");
        }

        var ports = (config.ExposedPorts?.Keys ?? Enumerable.Empty<string>())
            .Concat(overrides.Expose.Select(p => p.Contains('/', StringComparison.Ordinal) ? p : p + "/tcp"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ImageStartup(
            command,
            overrides.User ?? (string.IsNullOrEmpty(config.User) ? null : config.User),
            overrides.WorkingDir ?? (string.IsNullOrEmpty(config.WorkingDir) ? null : config.WorkingDir),
            overrides.Env,
            ports);
    }

    /// <summary>Publishes every port on <paramref name="address"/> only (127.0.0.1 for a local engine), on a port the engine picks.</summary>
    public IDictionary<string, IList<PortBinding>> PortBindings(string address) =>
        Ports.ToDictionary(p => p, _ => (IList<PortBinding>)[new PortBinding { HostIP = address, HostPort = "" }], StringComparer.Ordinal);

    public IDictionary<string, EmptyStruct> ExposedPorts() =>
        Ports.ToDictionary(p => p, _ => default(EmptyStruct), StringComparer.Ordinal);
}
