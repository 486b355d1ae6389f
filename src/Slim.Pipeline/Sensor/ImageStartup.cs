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
    /// <summary>
    /// The HEALTHCHECK as the engine runs it in the container (null for none): the engine runs it in the slim image
    /// too, every interval, so it is probed like an exec snippet. Its first run comes after the interval (30 s by
    /// default), later than a profiling run ends, so waiting for the engine would trace nothing.
    /// </summary>
    public IReadOnlyList<string>? Healthcheck { get; init; }

    /// <summary>["CMD", prog, args...] runs prog; ["CMD-SHELL", line] runs /bin/sh -c line; "NONE" or nothing: none.</summary>
    public static IReadOnlyList<string>? HealthcheckCommand(IReadOnlyList<string>? test) => test switch
    {
        [_, _, ..] when test[0] == "CMD" => [.. test.Skip(1)],
        ["CMD-SHELL", var line] when line.Length > 0 => ["/bin/sh", "-c", line],
        _ => null,
    };

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
            ports)
        {
            Healthcheck = HealthcheckCommand(config.HealthcheckTest),
        };
    }

}
