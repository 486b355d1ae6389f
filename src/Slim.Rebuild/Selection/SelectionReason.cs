namespace Slim.Rebuild.Selection;

/// <summary>Why a path is in the slim image; the first reason found is the one reported.</summary>
public enum SelectionReason
{
    Traced,
    Symlink,
    Parent,
    ElfDependency,
    ImageConfig,
    Certificates,
    Include,
    Shell,
    ListedDirectory,

    /// <summary>Added by a repair round: the slim image looked for it and the original has it.</summary>
    Repair,

    /// <summary>The interpreter of a kept script (its #! line), or the program a #!/usr/bin/env line names.</summary>
    ScriptInterpreter,

    /// <summary>A member of a data family (time zones, locales, …) kept because another member was used.</summary>
    DataFamily,

    /// <summary>The OS release files and the package database pruned to the kept files, for scanners.</summary>
    PackageDatabase,
}
