using Slim.Trace;

namespace Slim.Tracer.Reporting;

/// <summary>What makes two accesses to a path the same access (counted, not repeated).</summary>
internal readonly record struct AccessKey(PathAccessKind Kind, string AskedAs, string Syscall, int Pid, string? Comm, string? Error);
