using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>Builds share the engine, the sample images and the one slim binary; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BuildEngineCollection : ICollectionFixture<DockerEngineFixture>, ICollectionFixture<SampleImages>, ICollectionFixture<SlimBinary>
{
    public const string Name = "build-engine";
}
