using Slim.Testing;

namespace Slim.Cli.Tests.Registry;

/// <summary>A real registry with token auth, and the token service it trusts, for the class.</summary>
public sealed class TokenRegistryFixture : IAsyncLifetime
{
    public RegistryServer Registry { get; private set; } = null!;

    public async Task InitializeAsync() => Registry = await RegistryServer.StartWithTokensAsync();

    public async Task DisposeAsync() => await Registry.DisposeAsync();
}
