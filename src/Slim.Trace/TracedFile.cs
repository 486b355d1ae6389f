namespace Slim.Trace;

/// <summary>
/// One path the traced tree touched, keyed by its absolute path (the path as asked, made absolute against the
/// process's working directory or the directory fd, with <c>.</c> and <c>..</c> folded but symlinks kept).
/// </summary>
/// <param name="Path">The absolute path.</param>
/// <param name="Found">True when at least one access succeeded (the path existed then).</param>
/// <param name="Target">Where the path leads once every symlink on the way is followed inside the container's root;
/// null when it did not exist when the report was written.</param>
/// <param name="Kinds">How it was touched, the union of <see cref="PathAccess.Kind"/> values.</param>
/// <param name="Accesses">The distinct accesses, each with its count.</param>
public sealed record TracedFile(
    string Path,
    bool Found,
    string? Target,
    IReadOnlyList<PathAccessKind> Kinds,
    IReadOnlyList<PathAccess> Accesses);
