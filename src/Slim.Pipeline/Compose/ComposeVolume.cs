namespace Slim.Pipeline.Compose;

/// <summary>One entry of a service's `volumes`.</summary>
/// <param name="Source">A host path (bind, made absolute), a top-level volume's name (named), or null (anonymous).</param>
public sealed record ComposeVolume(ComposeVolumeKind Kind, string? Source, string Target, bool ReadOnly);
