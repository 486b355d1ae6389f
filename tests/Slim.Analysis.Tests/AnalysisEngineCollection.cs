using Slim.Testing;

namespace Slim.Analysis.Tests;

/// <summary>The tests of this assembly that need the real engine share one fixture.</summary>
[CollectionDefinition(Name)]
public sealed class AnalysisEngineCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "analysis-engine";
}
