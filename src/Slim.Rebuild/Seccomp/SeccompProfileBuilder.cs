namespace Slim.Rebuild.Seccomp;

/// <summary>Turns the system calls a trace saw into an allow-list profile the runtime can start.</summary>
public static class SeccompProfileBuilder
{
    /// <summary>
    /// Allows exactly the traced calls plus <see cref="RuntimeSyscalls.All"/>; everything else fails
    /// with EPERM. Names are sorted so the same trace always gives the same file.
    /// </summary>
    public static SeccompProfile FromTrace(IEnumerable<string> tracedSyscalls, IEnumerable<string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(tracedSyscalls);
        var names = tracedSyscalls
            .Concat(RuntimeSyscalls.All)
            .Concat(extra ?? [])
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new SeccompProfile(
            SeccompProfile.ErrnoAction,
            SeccompProfile.X8664Architectures,
            [new SeccompRule(names, SeccompProfile.AllowAction)]);
    }
}
