using Slim.Engine;
using Slim.Trace.Errors;

namespace Slim.Pipeline.Sensor;

/// <summary>How an image starts once the overrides are applied: the command, the user, the ports.</summary>
internal sealed record ImageStartup(
    IReadOnlyList<string> Command,
    string? User,
    string? WorkingDir,
    IReadOnlyList<string> Env,
    IReadOnlyList<string> Ports)
{
    public static ImageStartup From(EngineImage image, RunOverrides overrides, string subject)
    {
        var config = image;
        var entrypoint = overrides.Entrypoint ?? config.Entrypoint?.ToList() ?? [];

        // As docker does: a new entrypoint drops the image's CMD unless --cmd gives one.
        var cmd = overrides.Cmd ?? (overrides.Entrypoint is null ? config.Cmd?.ToList() : null) ?? [];
        var command = entrypoint.Concat(cmd).ToList();
        if (command.Count == 0)
        {
            throw new SensorException(ErrorReason.BadInput, subject, $"{subject} has neither ENTRYPOINT nor CMD: say what to run with --cmd");
        }

        var ports = config.ExposedPorts
            .Concat(overrides.Expose.Select(p => p.Contains('/', StringComparison.Ordinal) ? p : p + "/tcp"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ImageStartup(
            command,
            overrides.User ?? config.User,
            overrides.WorkingDir ?? config.WorkingDir,
            overrides.Env,
            ports);
    }

}
