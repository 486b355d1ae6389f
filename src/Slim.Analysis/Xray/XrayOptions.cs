namespace Slim.Analysis.Xray;

/// <summary>How much xray reads and how much of it the report lists.</summary>
public sealed record XrayOptions
{
    public static XrayOptions Default { get; } = new();

    /// <summary>Hash file contents to find duplicates (streams every byte once; off: metadata only).</summary>
    public bool HashContents { get; init; } = true;

    /// <summary>How many entries each "top" list (biggest files and directories, inefficient paths, duplicates) keeps.</summary>
    public int Top { get; init; } = 20;

    /// <summary>How deep the size tree goes below the root.</summary>
    public int TreeDepth { get; init; } = 4;

    /// <summary>Directories smaller than this fraction of the image are folded into their parent's "(other)" node.</summary>
    public double TreeMinFraction { get; init; } = 0.002;
}
