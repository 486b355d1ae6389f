namespace Slim.Engine.Containers;

/// <summary>What a command run inside a container (docker exec) printed, bounded (<see cref="CapturedOutput"/>), and how it ended.</summary>
public sealed record ExecResult(IReadOnlyList<string> Command, long ExitCode, CapturedOutput Stdout, CapturedOutput Stderr);
