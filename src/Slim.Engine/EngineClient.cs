using Docker.DotNet;
using Docker.DotNet.Models;
using Slim.Engine.Images;
using Slim.Images;
using Slim.Images.Model;
using Version = System.Version;

namespace Slim.Engine;

/// <summary>
/// The container engine, through Docker.DotNet, spoken to in a pinned API version: min(engine's, <see cref="EngineOptions.TestedApiVersion"/>),
/// since the client does not negotiate;
/// every API failure becomes an <see cref="EngineException"/> through <see cref="Map"/>. Containers are in EngineClient.Containers.cs.
/// </summary>
public sealed partial class EngineClient : IContainerEngine, IDisposable
{
    private EngineClient(DockerClient api, Uri endpoint, Version apiVersion)
    {
        Api = api;
        Endpoint = endpoint;
        ApiVersion = apiVersion;
    }

    private DockerClient Api { get; }

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

    public async Task<EngineImage> InspectImageAsync(string name, CancellationToken cancellationToken)
    {
        var image = await CallAsync(() => Api.Images.InspectImageAsync(name, cancellationToken), name, "inspect image").ConfigureAwait(false);
        var config = image.Config;
        return new EngineImage
        {
            Id = image.ID,
            Size = image.Size,
            Os = image.Os,
            Architecture = image.Architecture,
            Entrypoint = config?.Entrypoint?.ToList(),
            Cmd = config?.Cmd?.ToList(),
            User = string.IsNullOrEmpty(config?.User) ? null : config.User,
            WorkingDir = string.IsNullOrEmpty(config?.WorkingDir) ? null : config.WorkingDir,
            Env = config?.Env?.ToList() ?? [],
            ExposedPorts = config?.ExposedPorts?.Keys.ToList() ?? [],
            HealthcheckTest = config?.Healthcheck?.Test?.ToList(),
        };
    }

    /// <summary>GET /images/{name}/get.</summary>
    public Task<Stream> ExportImageAsync(string name, CancellationToken cancellationToken) =>
        CallAsync<Stream>(async () => new ExportStream(new BufferedStream(await Api.Images.SaveImageAsync(name, cancellationToken).ConfigureAwait(false), 1 << 20)), name, "export image");

    /// <summary>POST /images/load.</summary>
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
        await CallAsync(() => Api.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, archive, progress, cancellationToken), subject, "load image").ConfigureAwait(false);
        if (error is not null)
        {
            throw new EngineException(EngineErrorReason.Failed, subject, $"the engine refused to load {subject}: {error}");
        }
    }

    public Task TagImageAsync(string id, ImageReference reference, CancellationToken cancellationToken) =>
        CallAsync(() => Api.Images.TagImageAsync(id, new ImageTagParameters { RepositoryName = reference.Repository, Tag = reference.Tag ?? ImageReference.DefaultTag }, cancellationToken), reference.ToString(), "tag image");

    /// <summary>Untagged children go with it.</summary>
    public async Task RemoveImageAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(() => Api.Images.DeleteImageAsync(id, new ImageDeleteParameters { Force = false, NoPrune = false }, cancellationToken), id, "remove image").ConfigureAwait(false);
        }
        catch (EngineException e) when (e.Detail == EngineErrorReason.NotFound)
        {
        }
    }

    /// <summary>Runs one API call and turns its failure into an <see cref="EngineException"/>: the one place calls are mapped.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call, string subject, string action)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Map(e, subject, action) is { } mapped)
        {
            throw mapped;
        }
    }

    private static Task CallAsync(Func<Task> call, string subject, string action) =>
        CallAsync(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, subject, action);

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
        ImageReference.TryParse(name, out var reference) ? reference.Familiar : name;

    private static string FirstLine(string? body) => (body ?? "").Split('\n')[0].Trim();

    public void Dispose() => Api.Dispose();
}
