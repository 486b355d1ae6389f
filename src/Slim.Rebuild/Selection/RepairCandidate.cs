namespace Slim.Rebuild.Selection;

/// <summary>A path of the original image that a run of the slim image showed it needs.</summary>
/// <param name="Path">The absolute path, as the slim image's app asked for it.</param>
/// <param name="Cause">Why: <see cref="RepairCause.LookedFor"/> or <see cref="RepairCause.Listed"/>.</param>
/// <param name="Via">For a listed entry, the directory that was listed; otherwise null.</param>
public sealed record RepairCandidate(string Path, RepairCause Cause, string? Via);
