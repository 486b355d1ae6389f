using Slim.Engine;
using Slim.Engine.Images;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Transports;

namespace Slim.Cli.Commands;

/// <summary>Opens sources and sinks for any transport; connects to the engine only when a docker-daemon: location needs it.</summary>
internal sealed class ImageEndpoints(EngineOptions engineOptions) : IDisposable
{
    private EngineClient? _engine;

    public async Task<IImageSource> OpenSourceAsync(ImageLocation location, Platform? platform, CancellationToken cancellationToken) =>
        location is DaemonImageLocation daemon
            ? new DaemonImageSource(await EngineAsync(cancellationToken).ConfigureAwait(false), daemon, platform)
            : ImageSources.Open(location, platform);

    public async Task<IImageSink> OpenSinkAsync(ImageLocation location, CancellationToken cancellationToken, bool overwrite = false) =>
        location is DaemonImageLocation daemon
            ? new DaemonImageSink(await EngineAsync(cancellationToken).ConfigureAwait(false), daemon)
            : ImageSinks.Open(location, overwrite);

    private async Task<EngineClient> EngineAsync(CancellationToken cancellationToken) =>
        _engine ??= await EngineClient.ConnectAsync(engineOptions, cancellationToken).ConfigureAwait(false);

    public void Dispose() => _engine?.Dispose();
}
