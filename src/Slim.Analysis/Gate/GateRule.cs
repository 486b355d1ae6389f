namespace Slim.Analysis.Gate;

/// <summary>One rule: what it measures, its limit, the name the user gave it and where it came from (an option or a rules file).</summary>
public sealed record GateRule(GateRuleKind Kind, double Limit, string Name, string Origin)
{
    /// <summary>True when the rule needs the analysed image (every rule but the slim ratio).</summary>
    public bool NeedsImage => Kind != GateRuleKind.MinSlimRatio;

    public bool NeedsBaseline => Kind is GateRuleKind.MaxGrowthBytes or GateRuleKind.MaxGrowthPercent;
}
