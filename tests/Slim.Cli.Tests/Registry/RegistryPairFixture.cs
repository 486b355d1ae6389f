using Slim.Testing;

namespace Slim.Cli.Tests.Registry;

/// <summary>Two real registries for the class: one plain HTTP without auth, one with TLS (self-signed) and htpasswd auth.</summary>
public sealed class RegistryPairFixture : IAsyncLifetime
{
    public RegistryServer Plain { get; private set; } = null!;

    public RegistryServer Secure { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Plain = await RegistryServer.StartAsync(secure: false);
        Secure = await RegistryServer.StartAsync(secure: true);
    }

    public async Task DisposeAsync()
    {
        await Plain.DisposeAsync();
        await Secure.DisposeAsync();
    }
}
