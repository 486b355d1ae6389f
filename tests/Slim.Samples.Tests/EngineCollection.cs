using Slim.Testing;

namespace Slim.Samples.Tests;

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<DockerEngineFixture>, ICollectionFixture<SampleImages>
{
    public const string Name = "engine";
}
