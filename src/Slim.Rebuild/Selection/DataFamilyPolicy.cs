namespace Slim.Rebuild.Selection;

/// <summary>What the slim image keeps of a <see cref="DataFamily"/>.</summary>
public enum DataFamilyPolicy
{
    /// <summary>The whole family when the app used any member or listed its directory; nothing more otherwise.</summary>
    WhenUsed = 0,

    /// <summary>The whole family, used or not (--include-zoneinfo and its kin).</summary>
    Always = 1,

    /// <summary>Only the members the trace saw (--include-zoneinfo=false, or --data-families=false for all).</summary>
    TracedOnly = 2,
}
