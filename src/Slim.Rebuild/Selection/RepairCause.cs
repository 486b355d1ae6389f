namespace Slim.Rebuild.Selection;

/// <summary>Why a repair round adds a path.</summary>
public enum RepairCause
{
    /// <summary>The slim image's app opened, ran or looked up the path, and the original has it.</summary>
    LookedFor,

    /// <summary>The slim image's app listed a directory whose original holds this entry too.</summary>
    Listed,
}
