using System.Runtime.Versioning;

// The tracer under test is Linux-only.
[assembly: SupportedOSPlatform("linux")]
