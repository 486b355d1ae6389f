namespace Slim.Trace;

/// <summary>Whether fanotify watched the container's mounts, which mounts, and why not when it could not.</summary>
/// <param name="Active">True when at least one mount was marked and events were read.</param>
/// <param name="Mounts">The mount points that were marked.</param>
/// <param name="Reason">Why fanotify was not used (e.g. EPERM from a rootless engine, or not asked for); null when active.</param>
public sealed record FanotifyState(bool Active, IReadOnlyList<string> Mounts, string? Reason);
