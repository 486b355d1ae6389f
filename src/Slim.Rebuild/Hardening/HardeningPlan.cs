namespace Slim.Rebuild.Hardening;

/// <summary>
/// The tightest settings the trace allows (DESIGN.md step 9), before they are proved: the capabilities beyond none, the
/// directories the app writes (tmpfs, unless a declared VOLUME covers them), and what rules out a read-only root,
/// no-new-privileges or a non-root user.
/// </summary>
/// <param name="Capabilities">What the app needs on top of --cap-drop ALL, each with the call that needs it, sorted by name.</param>
/// <param name="Tmpfs">Directories to mount as tmpfs (absolute, sorted, none inside another), in --tmpfs's spelling: a
/// directory not root's carries its owner and mode (<c>/run/postgresql:uid=100,gid=102,mode=2775</c>).</param>
/// <param name="Volumes">The image's declared VOLUMEs the app writes into (they stay writable under --read-only).</param>
/// <param name="ReadOnlyRootfs">False when a written directory also holds image files the app reads (a tmpfs would hide them).</param>
/// <param name="NoNewPrivileges">False when the app executes set-uid or set-gid files.</param>
/// <param name="RunsAsRoot">The traced command ran as uid 0.</param>
/// <param name="NeedsRoot">It ran as root and relied on it: a capability, or a file only root may use.</param>
/// <param name="SetuidExecutables">The set-uid/set-gid files it executed.</param>
/// <param name="Notes">Why a setting is off, one line each.</param>
public sealed record HardeningPlan(
    IReadOnlyList<CapabilityNeed> Capabilities,
    IReadOnlyList<string> Tmpfs,
    IReadOnlyList<string> Volumes,
    bool ReadOnlyRootfs,
    bool NoNewPrivileges,
    bool RunsAsRoot,
    bool NeedsRoot,
    IReadOnlyList<string> SetuidExecutables,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Written directories that hold what the slim image keeps (a tmpfs would hide it): anonymous volumes, which the
    /// engine fills from the image (docker run --volume=DIR). Empty unless the root is read-only.
    /// </summary>
    public IReadOnlyList<string> CopiedVolumes { get; init; } = [];

    public IReadOnlyList<string> CapabilityNames => [.. Capabilities.Select(c => c.Name).Distinct(StringComparer.Ordinal)];
}
