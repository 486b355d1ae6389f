namespace Slim.Cli.Tests.Registry;

/// <summary>One request through the <see cref="RegistryFaultProxy"/>: "METHOD /path", when it came (since the proxy started), the status answered.</summary>
internal sealed record ProxiedRequest(string Line, TimeSpan At, int Status);
