using Slim.Testing;

namespace Slim.Rebuild.Tests;

/// <summary>The tests of this assembly that need the real engine share one fixture.</summary>
[CollectionDefinition(Name)]
public sealed class RebuildEngineCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "rebuild-engine";
}
