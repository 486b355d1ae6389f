using Slim.Engine;
using Slim.Engine.Images;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Images.Transports.Registry;

namespace Slim.Cli.Commands;

/// <summary>Opens sources and sinks for any transport; connects to the engine only when a docker-daemon: location needs it.</summary>
internal sealed class ImageEndpoints(EngineOptions engineOptions, RegistryOptions? registryOptions = null) : IDisposable
{
    private EngineClient? _engine;

    public async Task<IImageSource> OpenSourceAsync(ImageLocation location, Platform? platform, CancellationToken cancellationToken) =>
        location switch
        {
            DaemonImageLocation daemon => new DaemonImageSource(await EngineAsync(cancellationToken).ConfigureAwait(false), daemon, platform),
            RegistryLocation registry => new RegistryImageSource(new RegistryClient(registry.Registry, registryOptions), registry, platform),
            _ => ImageSources.Open(location, platform),
        };

    public async Task<IImageSink> OpenSinkAsync(ImageLocation location, CancellationToken cancellationToken, bool overwrite = false) =>
        location switch
        {
            DaemonImageLocation daemon => new DaemonImageSink(await EngineAsync(cancellationToken).ConfigureAwait(false), daemon),
            RegistryLocation registry => new RegistryImageSink(new RegistryClient(registry.Registry, registryOptions), registry),
            _ => ImageSinks.Open(location, overwrite),
        };

    private async Task<EngineClient> EngineAsync(CancellationToken cancellationToken) =>
        _engine ??= await EngineClient.ConnectAsync(engineOptions, cancellationToken).ConfigureAwait(false);

    public void Dispose() => _engine?.Dispose();
}
