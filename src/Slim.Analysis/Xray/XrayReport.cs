namespace Slim.Analysis.Xray;

/// <summary>
/// What xray found in an image: per-layer statistics, dive's efficiency figures, where the bytes are, duplicate files,
/// the build history and suggestions. Sizes are bytes of file content (tar entry sizes), as dive counts them.
/// </summary>
public sealed record XrayReport
{
    /// <summary>Marks the document so that other tools (and <c>slim gate --baseline</c>) recognise it.</summary>
    public const string CurrentKind = "slim.xray/v1";

    public string Kind { get; init; } = CurrentKind;

    /// <summary>Where the image was read from (<c>docker-daemon:app:1</c>, <c>docker-archive:/tmp/a.tar</c>).</summary>
    public required string Image { get; init; }

    /// <summary>The config digest (the image ID).</summary>
    public required string ImageId { get; init; }

    /// <summary>The sum of the layers' sizes.</summary>
    public required long ImageSize { get; init; }

    /// <summary>Files, links and other non-directories in the final view.</summary>
    public required int FileCount { get; init; }

    /// <summary>dive's efficiency score: the sum of the paths' minimum sizes over the sum of their cumulative sizes (1.0 when empty).</summary>
    public required double Efficiency { get; init; }

    /// <summary>dive's wasted bytes: the sum of the cumulative sizes of the paths seen in two or more layers.</summary>
    public required long WastedBytes { get; init; }

    /// <summary>dive's user-wasted figure as a percentage: wasted bytes over the size of every layer but the first (0 when those are empty).</summary>
    public required double UserWastedPercent { get; init; }

    /// <summary>dive's user size: the bytes of every layer but the first (JSON <c>userSizeBytes</c>).</summary>
    public long UserSizeBytes { get; init; }

    /// <summary>dive's user-wasted figure as dive prints it: wasted bytes over <see cref="UserSizeBytes"/>, a fraction (0 when that is 0).</summary>
    public double UserWastedFraction { get; init; }

    public required IReadOnlyList<XrayLayer> Layers { get; init; }

    /// <summary>The paths seen in two or more layers, largest cumulative size first (dive's "inefficient files").</summary>
    public required IReadOnlyList<XrayInefficientPath> InefficientPaths { get; init; }

    /// <summary>How many paths are in two or more layers (<see cref="InefficientPaths"/> may list only the top ones).</summary>
    public int InefficientPathCount { get; init; }

    public required IReadOnlyList<XrayFile> BiggestFiles { get; init; }

    public required IReadOnlyList<XrayDirectory> BiggestDirectories { get; init; }

    /// <summary>Groups of file versions (in any layers) with the same content digest, most wasteful first.</summary>
    public required IReadOnlyList<XrayDuplicateGroup> Duplicates { get; init; }

    /// <summary>How many duplicate groups exist (<see cref="Duplicates"/> may list only the top ones).</summary>
    public required int DuplicateGroupCount { get; init; }

    /// <summary>Bytes that all copies but one of each duplicate group take.</summary>
    public required long DuplicateWastedBytes { get; init; }

    public required IReadOnlyList<XraySuggestion> Suggestions { get; init; }

    /// <summary>The build steps, Dockerfile-like, including those that made no layer.</summary>
    public required IReadOnlyList<XrayHistoryStep> History { get; init; }

    /// <summary>The final view's directories by size, pruned to a readable depth (for treemaps).</summary>
    public required XrayTreeNode Tree { get; init; }
}

/// <summary>One layer: the step that made it, its size and how it changed the file system.</summary>
public sealed record XrayLayer
{
    public required int Index { get; init; }

    /// <summary>The layer blob's digest as the manifest names it.</summary>
    public string? Digest { get; init; }

    /// <summary>The digest of the uncompressed tar (config diff_id).</summary>
    public string? DiffId { get; init; }

    /// <summary>The instruction that made the layer, from the config history (Dockerfile-like), when known.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The sum of the sizes of the layer's entries.</summary>
    public required long Size { get; init; }

    public required int Entries { get; init; }

    /// <summary>Non-directories this layer writes where the layers below had nothing.</summary>
    public required int FilesAdded { get; init; }

    /// <summary>Non-directories this layer writes over a path the layers below already had.</summary>
    public required int FilesModified { get; init; }

    /// <summary>Non-directories of the layers below that this layer's whiteouts (or replacements of directories) delete.</summary>
    public required int FilesDeleted { get; init; }

    /// <summary>This layer's wasted bytes: the sizes of its files that later layers overwrite or delete.</summary>
    public required long WastedBytes { get; init; }
}

/// <summary>A path seen in two or more layers, with its cumulative size over all of them.</summary>
public sealed record XrayInefficientPath(string Path, int Count, long CumulativeSize);

/// <summary>A file of the final view.</summary>
public sealed record XrayFile(string Path, long Size, int Layer);

/// <summary>A directory of the final view and the total size of everything below it.</summary>
public sealed record XrayDirectory(string Path, long Size, int Files);

/// <summary>Copies of the same content: <see cref="WastedBytes"/> is what all copies but one take.</summary>
public sealed record XrayDuplicateGroup(string Digest, long Size, IReadOnlyList<XrayFileCopy> Copies, long WastedBytes);

/// <summary>One copy of a duplicated content: the layer that holds it and its path there.</summary>
public sealed record XrayFileCopy(int Layer, string Path);

/// <summary>Something a person can change, and the bytes it would save (at most).</summary>
public sealed record XraySuggestion(XraySuggestionKind Kind, long Bytes, string Message, IReadOnlyList<int> Layers, IReadOnlyList<string> Paths);

/// <summary>One build step of the config history.</summary>
public sealed record XrayHistoryStep(string Instruction, bool EmptyLayer, int? Layer, DateTimeOffset? Created);

/// <summary>A directory (or a group of small entries, <see cref="Path"/> null) in the size tree.</summary>
public sealed record XrayTreeNode(string Name, string? Path, long Size, IReadOnlyList<XrayTreeNode> Children);
