namespace Slim.Pipeline.Sensor;

/// <summary>When profiling ends (slimtoolkit's --continue-after).</summary>
public sealed record ContinueAfter(ContinueAfterKind Kind, TimeSpan Timeout)
{
    public static ContinueAfter Probe { get; } = new(ContinueAfterKind.Probe, TimeSpan.Zero);

    public static ContinueAfter Exit { get; } = new(ContinueAfterKind.Exit, TimeSpan.Zero);

    /// <summary>Parses probe, exec, exit, signal, enter or timeout:SECONDS (a bare number is a timeout too).</summary>
    public static ContinueAfter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        if (value.StartsWith("timeout:", StringComparison.Ordinal) || double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            var seconds = value.StartsWith("timeout:", StringComparison.Ordinal) ? value["timeout:".Length..] : value;
            if (!double.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var s) || s <= 0)
            {
                throw new SensorException(Slim.Trace.Errors.ErrorReason.BadInput, "--continue-after", $"--continue-after {text}: timeout needs a positive number of seconds");
            }

            return new ContinueAfter(ContinueAfterKind.Timeout, TimeSpan.FromSeconds(s));
        }

        return value switch
        {
            "probe" => Probe,
            "exit" => Exit,
            "exec" => new ContinueAfter(ContinueAfterKind.Exec, TimeSpan.Zero),
            "signal" => new ContinueAfter(ContinueAfterKind.Signal, TimeSpan.Zero),
            "enter" => new ContinueAfter(ContinueAfterKind.Enter, TimeSpan.Zero),
            _ => throw new SensorException(Slim.Trace.Errors.ErrorReason.BadInput, "--continue-after", $"--continue-after {text}: expected probe, exec, exit, signal, enter or timeout:SECONDS"),
        };
    }

    public override string ToString() => Kind == ContinueAfterKind.Timeout
        ? $"timeout:{Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : Kind.ToString().ToLowerInvariant();
}
