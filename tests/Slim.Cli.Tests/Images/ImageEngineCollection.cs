namespace Slim.Cli.Tests.Images;

[CollectionDefinition(Name)]
public sealed class ImageEngineCollection : ICollectionFixture<ImageEngineFixture>
{
    public const string Name = "image-engine";
}
