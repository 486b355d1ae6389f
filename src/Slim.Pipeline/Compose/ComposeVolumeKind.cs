namespace Slim.Pipeline.Compose;

public enum ComposeVolumeKind
{
    /// <summary>A host path mounted in.</summary>
    Bind,

    /// <summary>A volume of the file's top-level `volumes`.</summary>
    Named,

    /// <summary>A path alone (or `type: tmpfs`): an empty volume of this run only.</summary>
    Anonymous,
}
