namespace Slim.Trace;

/// <summary>A system call and how often the traced tree made it.</summary>
/// <param name="Name">The kernel's name for it (x86_64 table).</param>
/// <param name="Number">Its x86_64 number.</param>
public sealed record SyscallCount(string Name, int Number, long Count);
