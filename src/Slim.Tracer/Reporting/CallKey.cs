namespace Slim.Tracer.Reporting;

/// <summary>What makes two privilege-deciding calls the same call (counted, not repeated); arguments comma-joined.</summary>
internal readonly record struct CallKey(string Syscall, int Pid, int Euid, string Arguments);
