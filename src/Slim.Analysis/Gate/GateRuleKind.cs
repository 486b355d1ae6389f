using System.Text.Json.Serialization;

namespace Slim.Analysis.Gate;

/// <summary>What a gate rule measures and which way it must hold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GateRuleKind>))]
public enum GateRuleKind
{
    /// <summary>The image's size (bytes of file content, as xray counts it) at most the limit.</summary>
    MaxSize,

    /// <summary>Growth over the baseline, in bytes, at most the limit.</summary>
    MaxGrowthBytes,

    /// <summary>Growth over the baseline, in percent of the baseline, at most the limit.</summary>
    MaxGrowthPercent,

    /// <summary>dive's efficiency score (0..1) at least the limit.</summary>
    MinEfficiency,

    /// <summary>dive's wasted bytes at most the limit.</summary>
    MaxWastedBytes,

    /// <summary>dive's user-wasted figure, in percent, at most the limit.</summary>
    MaxWastedPercent,

    /// <summary>A slim build's original-to-slim size ratio at least the limit.</summary>
    MinSlimRatio,
}
