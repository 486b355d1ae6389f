using Slim.Rebuild.Elf;
using Slim.Trace;

namespace Slim.Rebuild.Selection;

/// <summary>
/// What reading the heads of some kept files found, by absolute path: the ELF facts of each (null for a file that is
/// not ELF or is a script) and the #! line of each executable script.
/// </summary>
public sealed record FileExamination(IReadOnlyDictionary<string, ElfInfo?> Elf, IReadOnlyDictionary<string, ShebangLine> Scripts)
{
    public static FileExamination None { get; } = new(new Dictionary<string, ElfInfo?>(), new Dictionary<string, ShebangLine>());
}
