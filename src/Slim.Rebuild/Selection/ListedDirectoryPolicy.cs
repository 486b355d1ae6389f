namespace Slim.Rebuild.Selection;

/// <summary>What the slim image keeps of a directory the application listed (getdents).</summary>
public enum ListedDirectoryPolicy
{
    /// <summary>Only the entries the application went on to use; the rest is cut and reported.</summary>
    Used = 0,

    /// <summary>Every direct child of a listed directory, with subdirectories as empty directories.</summary>
    Children = 1,

    /// <summary>Everything below a listed directory.</summary>
    Tree = 2,
}
