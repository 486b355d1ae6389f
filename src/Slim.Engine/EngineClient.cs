using Docker.DotNet;
using Docker.DotNet.Models;
using Slim.Engine.Images;
using Slim.Images;
using Version = System.Version;

namespace Slim.Engine;

/// <summary>
/// The container engine, through Docker.DotNet, spoken to in a pinned API version: min(engine's, <see cref="EngineOptions.TestedApiVersion"/>),
/// since the client does not negotiate. <see cref="Api"/> is there for callers that need more (containers for the sensor run);
/// the helpers here turn API failures into <see cref="EngineException"/>s.
/// </summary>
public sealed class EngineClient : IDisposable
{
    private EngineClient(DockerClient api, Uri endpoint, Version apiVersion)
    {
        Api = api;
        Endpoint = endpoint;
        ApiVersion = apiVersion;
    }

    public DockerClient Api { get; }

    public Uri Endpoint { get; }

    public Version ApiVersion { get; }

    /// <summary>True when the engine runs on this machine (a socket, or TCP on a loopback address).</summary>
    public bool IsLocal => Endpoint.Scheme is not ("tcp" or "http" or "https")
        || Endpoint.IsLoopback
        || (System.Net.IPAddress.TryParse(Endpoint.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

    /// <summary>
    /// Where containers publish their ports for the probes: loopback when the engine is on this machine, else every
    /// interface of the engine's host, since its loopback is out of our reach.
    /// </summary>
    public string PublishAddress => IsLocal ? "127.0.0.1" : "0.0.0.0";

    /// <summary>The host the probes connect to: this machine, or the remote engine's.</summary>
    public string ProbeHost => IsLocal ? "127.0.0.1" : Endpoint.Host;

    /// <summary>Connects, asks the engine its API version and returns a client pinned to the version both sides speak.</summary>
    public static async Task<EngineClient> ConnectAsync(EngineOptions options, CancellationToken cancellationToken)
    {
        var endpoint = options.ResolveEndpoint();
        Version engineVersion;
        using (var probe = Build(endpoint, null, TimeSpan.FromSeconds(30)))
        {
            try
            {
                var version = await probe.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
                engineVersion = Version.TryParse(version.APIVersion, out var v) ? v : EngineOptions.MinimumApiVersion;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new EngineException(EngineErrorReason.Unavailable, endpoint.ToString(),
                    $"no container engine answers at {endpoint} ({e.Message}); start Docker or set DOCKER_HOST", e);
            }
        }

        var pinned = EngineOptions.Pin(engineVersion)
            ?? throw new EngineException(EngineErrorReason.TooOld, endpoint.ToString(),
                $"the engine at {endpoint} speaks API {engineVersion}; slim needs {EngineOptions.MinimumApiVersion} or newer");
        return new EngineClient(Build(endpoint, pinned, options.Timeout), endpoint, pinned);
    }

    private static DockerClient Build(Uri endpoint, Version? version, TimeSpan timeout)
    {
        var builder = new DockerClientBuilder().WithEndpoint(endpoint).WithTimeout(timeout);
        if (version is not null)
        {
            builder = builder.WithApiVersion(version);
        }

        return builder.Build();
    }

    /// <summary>The engine's view of an image (ID = config digest, RootFS diff_ids, tags).</summary>
    public async Task<ImageInspectResponse> InspectImageAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Api.Images.InspectImageAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, name, "inspect image") is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>The engine's `docker save` stream of one image (GET /images/{name}/get).</summary>
    public async Task<Stream> ExportImageAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return new ExportStream(new BufferedStream(await Api.Images.SaveImageAsync(name, cancellationToken).ConfigureAwait(false), 1 << 20));
        }
        catch (Exception e) when (Map(e, name, "export image") is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>Loads a `docker save`-format stream (POST /images/load); fails when the engine reports an error.</summary>
    public async Task LoadImageAsync(Stream archive, string subject, CancellationToken cancellationToken)
    {
        string? error = null;
        var progress = new SynchronousProgress<JSONMessage>(m =>
        {
            if (m.Error is not null)
            {
                error ??= m.Error.Message;
            }
        });
        try
        {
            await Api.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, archive, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, subject, "load image") is { } mapped)
        {
            throw mapped;
        }

        if (error is not null)
        {
            throw new EngineException(EngineErrorReason.Failed, subject, $"the engine refused to load {subject}: {error}");
        }
    }

    /// <summary>Removes an image slim made itself (a slim image a repair round replaced); untagged children go with it.</summary>
    public async Task RemoveImageAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await Api.Images.DeleteImageAsync(id, new ImageDeleteParameters { Force = false, NoPrune = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, id, "remove image") is { } mapped)
        {
            if (mapped.Detail != EngineErrorReason.NotFound)
            {
                throw mapped;
            }
        }
    }

    /// <summary>Turns a Docker.DotNet failure into an <see cref="EngineException"/>; null for cancellations and our own exceptions.</summary>
    internal static EngineException? Map(Exception e, string subject, string action) => e switch
    {
        OperationCanceledException or EngineException or ImageException => null,
        DockerImageNotFoundException => new EngineException(EngineErrorReason.NotFound, subject, $"no image '{Familiar(subject)}' in the engine (`docker image ls` shows what is there)", e),
        DockerContainerNotFoundException => new EngineException(EngineErrorReason.NotFound, subject, $"no container '{subject}' in the engine", e),
        DockerApiException api when api.StatusCode == System.Net.HttpStatusCode.NotFound =>
            new EngineException(EngineErrorReason.NotFound, subject, $"{action}: '{subject}' not found in the engine", e),
        DockerApiException api => new EngineException(EngineErrorReason.Failed, subject, $"{action} '{subject}' failed: engine said {(int)api.StatusCode} {FirstLine(api.ResponseBody)}", e),
        HttpRequestException or IOException or System.Net.Sockets.SocketException or TimeoutException =>
            new EngineException(EngineErrorReason.Unavailable, subject, $"{action} '{subject}': lost the engine ({e.Message})", e),
        _ => null,
    };

    private static string Familiar(string name) =>
        Slim.Images.Model.ImageReference.TryParse(name, out var reference) ? reference.Familiar : name;

    private static string FirstLine(string? body) => (body ?? "").Split('\n')[0].Trim();

    public void Dispose() => Api.Dispose();
}
