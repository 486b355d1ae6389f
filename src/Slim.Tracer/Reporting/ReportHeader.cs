using Slim.Trace;

namespace Slim.Tracer.Reporting;

/// <summary>The parts of a report that are fixed when the trace starts.</summary>
internal sealed record ReportHeader(TraceKind Kind, TraceMode Mode, IReadOnlyList<string> Command, TracedUser User, DateTimeOffset Started);
