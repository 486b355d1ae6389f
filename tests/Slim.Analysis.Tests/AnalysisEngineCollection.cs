using Slim.Testing;

namespace Slim.Analysis.Tests;

/// <summary>The tests of this assembly that need the real engine share it and the sample images built for them.</summary>
[CollectionDefinition(Name)]
public sealed class AnalysisEngineCollection : ICollectionFixture<DockerEngineFixture>, ICollectionFixture<SampleImages>
{
    public const string Name = "analysis-engine";
}
