namespace Slim.Tracer.Tracing;

/// <summary>
/// The results of path calls already seen, per process: a call a process repeats on the same path(s) is counted
/// with the result it had then, without a second stop for its exit (servers stat and open the same files over and
/// over). Bounded, so a process that walks a huge tree cannot grow it without end; past the bound calls are just
/// stopped on as usual. Used from the trace thread only.
/// </summary>
internal sealed class RepeatResultCache(int capacity = RepeatResultCache.DefaultCapacity)
{
    public const int DefaultCapacity = 200_000;

    private readonly Dictionary<RepeatKey, string?> _results = [];

    public int Count => _results.Count;

    /// <summary>Remembers how call <paramref name="number"/> of <paramref name="pid"/> on <paramref name="path"/> ended.</summary>
    /// <param name="error">The errno name, null when it succeeded.</param>
    public void Remember(long number, int pid, PendingPath path, string? error)
    {
        if (_results.Count < capacity)
        {
            _results[new RepeatKey(number, pid, path)] = error;
        }
    }

    /// <summary>The remembered result of every one of <paramref name="paths"/>; null when any of them is new.</summary>
    public string?[]? TryGet(long number, int pid, IReadOnlyList<PendingPath> paths)
    {
        var errors = new string?[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            if (!_results.TryGetValue(new RepeatKey(number, pid, paths[i]), out errors[i]))
            {
                return null;
            }
        }

        return errors;
    }

    /// <summary>One path access of one process.</summary>
    private readonly record struct RepeatKey(long Number, int Pid, PendingPath Path);
}
