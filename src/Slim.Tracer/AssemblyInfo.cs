using System.Runtime.Versioning;

// The tracer is Linux-only by nature (ptrace, seccomp, fanotify).
[assembly: SupportedOSPlatform("linux")]
