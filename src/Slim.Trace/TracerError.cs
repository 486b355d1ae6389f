namespace Slim.Trace;

/// <summary>Something the tracer could not do; recorded rather than thrown so the trace still gets written.</summary>
/// <param name="Where">The part of the tracer (spawn, ptrace, fanotify, report, …).</param>
public sealed record TracerError(string Where, string Message);
