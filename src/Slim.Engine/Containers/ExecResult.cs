namespace Slim.Engine.Containers;

/// <summary>What a command run inside a container (docker exec) printed and how it ended.</summary>
public sealed record ExecResult(IReadOnlyList<string> Command, long ExitCode, string Stdout, string Stderr);
