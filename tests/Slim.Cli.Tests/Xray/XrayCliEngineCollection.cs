using Slim.Testing;

namespace Slim.Cli.Tests.Xray;

/// <summary>The xray and gate command tests that read images from the real engine share one fixture.</summary>
[CollectionDefinition(Name)]
public sealed class XrayCliEngineCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "cli-xray-engine";
}
