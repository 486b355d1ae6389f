namespace Slim.Rebuild.Elf;

/// <summary>
/// What the dynamic loader needs to know about an ELF object: its interpreter (PT_INTERP) and
/// the DT_NEEDED, DT_RPATH and DT_RUNPATH entries of its dynamic section.
/// A static executable has no interpreter and no dynamic entries.
/// </summary>
public sealed record ElfInfo(
    ElfKind Kind,
    string? Interpreter,
    IReadOnlyList<string> Needed,
    IReadOnlyList<string> RPath,
    IReadOnlyList<string> RunPath)
{
    /// <summary>
    /// The watched symbols (<see cref="ElfReader.WatchedImports"/>) it imports: undefined in its .dynsym, so another
    /// object (libc) provides them at run time.
    /// </summary>
    public IReadOnlyList<string> Imports { get; init; } = [];

    public bool IsDynamic => Interpreter is not null || Needed.Count > 0;
}
