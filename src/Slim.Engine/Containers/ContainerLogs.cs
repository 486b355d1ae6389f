namespace Slim.Engine.Containers;

/// <summary>What a container printed, demultiplexed.</summary>
public sealed record ContainerLogs(string Stdout, string Stderr);
