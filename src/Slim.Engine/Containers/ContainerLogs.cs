namespace Slim.Engine.Containers;

/// <summary>What a container printed, demultiplexed, each stream bounded (<see cref="CapturedOutput"/>).</summary>
public sealed record ContainerLogs(CapturedOutput Stdout, CapturedOutput Stderr);
