namespace Slim.Rebuild.Selection;

/// <summary>The user's say in what the slim image holds, on top of what the trace saw.</summary>
public sealed record SelectionRules
{
    /// <summary>Paths kept as they are (a directory with everything below it).</summary>
    public IReadOnlyList<string> IncludePaths { get; init; } = [];

    /// <summary>Executables kept with their ELF dependencies (absolute paths).</summary>
    public IReadOnlyList<string> IncludeBins { get; init; } = [];

    /// <summary>Executables looked up by name in the image's PATH and kept with their dependencies.</summary>
    public IReadOnlyList<string> IncludeExes { get; init; } = [];

    /// <summary>Keep /bin/sh and the basic tools a shell session needs.</summary>
    public bool IncludeShell { get; init; }

    /// <summary>Keep the CA certificate bundles (on by default: missing certificates break HTTPS clients).</summary>
    public bool IncludeCertificates { get; init; } = true;

    /// <summary>Glob patterns (`**`, `*`, `?`) of absolute paths never kept, unless preserved.</summary>
    public IReadOnlyList<string> ExcludePatterns { get; init; } = [];

    /// <summary>Paths kept whatever the exclude patterns say (with everything below them).</summary>
    public IReadOnlyList<string> PreservePaths { get; init; } = [];

    /// <summary>Paths a repair round found the slim image missing (each kept on its own, with its links and libraries).</summary>
    public IReadOnlyList<string> RepairPaths { get; init; } = [];

    public ListedDirectoryPolicy ListedDirectories { get; init; } = ListedDirectoryPolicy.Used;

    /// <summary>What to keep of each data family; a family not named here is kept whole when used.</summary>
    public IReadOnlyDictionary<DataFamily, DataFamilyPolicy> DataFamilies { get; init; } = new Dictionary<DataFamily, DataFamilyPolicy>();

    public DataFamilyPolicy PolicyFor(DataFamily family) =>
        DataFamilies.TryGetValue(family, out var policy) ? policy : DataFamilyPolicy.WhenUsed;

    /// <summary>
    /// The image's PATH (for <see cref="IncludeExes"/> and #!/usr/bin/env lines) and LD_LIBRARY_PATH (for ELF resolution).
    /// </summary>
    public IReadOnlyList<string> SearchPath { get; init; } = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public IReadOnlyList<string> LibraryPath { get; init; } = [];
}
