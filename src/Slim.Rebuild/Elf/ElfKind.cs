namespace Slim.Rebuild.Elf;

/// <summary>The ELF object type (e_type) that matters for selection.</summary>
public enum ElfKind
{
    Other = 0,
    Relocatable = 1,
    Executable = 2,
    SharedObject = 3,
    Core = 4,
}
