using System.Text.Json.Serialization;

namespace Slim.Trace;

/// <summary>
/// The part of slim.report.json that other tools read (the gate's baseline and ratio rules): which command ran, the
/// target and slim images, and how much smaller the slim one is. The pipeline's build report derives from this
/// record, so a field renamed here is renamed for both, and one renamed there cannot hide from its readers.
/// </summary>
public record BuildReportSummary
{
    public const int CurrentVersion = 1;

    // Written first, in this order, as the report always has been.
    [JsonPropertyOrder(-5)]
    public int Version { get; init; } = CurrentVersion;

    /// <summary><c>build</c> or <c>profile</c>.</summary>
    [JsonPropertyOrder(-4)]
    public required string Command { get; init; }

    [JsonPropertyOrder(-3)]
    public required ImageSummary Target { get; init; }

    /// <summary>The slim image; null when none was written (<c>slim profile</c>, or a build that stopped early).</summary>
    [JsonPropertyOrder(-2)]
    public ImageSummary? Result { get; init; }

    /// <summary>Original size divided by slim size (how many times smaller).</summary>
    [JsonPropertyOrder(-1)]
    public double? Ratio { get; init; }
}
