namespace Slim.Cli.Tests.Images;

/// <summary>The hostile corpus runs alone: it checks that no reader leaves a temporary file, which other tests make meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection
{
    public const string Name = "hostile archives";
}
