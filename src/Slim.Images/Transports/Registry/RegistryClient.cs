using System.Net;
using System.Net.Http.Headers;
using Slim.Images.Model;
using Slim.Images.Streams;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// A small client of one registry's OCI distribution API (/v2/): manifests, blobs streamed and checked, uploads. The HTTP
/// side (ping, retries, error mapping) is <see cref="RegistryConnection"/>'s, auth as the <c>WWW-Authenticate</c> challenge
/// asks is <see cref="RegistryAuthenticator"/>'s. Every failure is an <see cref="ImageException"/> that names the registry
/// and the repository and says what to do.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    private const long ManifestLimit = 4 << 20;

    private static readonly string[] ManifestTypes =
    [
        MediaType.OciIndex.Value, MediaType.OciManifest.Value, MediaType.DockerManifestList.Value, MediaType.DockerManifest.Value,
    ];

    private readonly RegistryConnection _connection;

    public RegistryClient(string registry, RegistryOptions? options = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        options ??= RegistryOptions.Default;
        _connection = new RegistryConnection(registry, Host, options, handler ?? RegistryHttpHandler.Create(registry, options));
    }

    /// <summary>The registry as named in the reference (<c>docker.io</c>, <c>127.0.0.1:5000</c>).</summary>
    public string Registry { get; }

    /// <summary>Docker Hub's API is not at docker.io itself.</summary>
    public string Host => Registry == ImageReference.DefaultDomain ? "registry-1.docker.io" : Registry;

    /// <summary>The scheme and host in use once pinged (https, or http with --tls-verify=false and a plain registry).</summary>
    public Uri? BaseAddress => _connection.BaseAddress;

    /// <summary>GET /v2/: finds the scheme and the auth challenge. Called by every request; does the work once.</summary>
    public Task PingAsync(CancellationToken cancellationToken) => _connection.PingAsync(cancellationToken);

    /// <summary>A manifest or index by tag or digest: its exact bytes, media type and digest (checked when asked by digest).</summary>
    public async Task<(byte[] Bytes, MediaType MediaType, Digest Digest)> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var response = await _connection.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, _connection.RepositoryUri(repository, "manifests/" + reference));
                foreach (var type in ManifestTypes)
                {
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
                }

                return request;
            },
            repository,
            "pull",
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken).ConfigureAwait(false);
        var subject = $"{Registry}/{repository}:{reference}".Replace(":sha256:", "@sha256:", StringComparison.Ordinal);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ImageException(ImageErrorReason.ImageNotFound, subject,
                $"{Registry} has no image {repository}{(reference.Contains(':', StringComparison.Ordinal) ? "@" : ":")}{reference}{await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false)}; check the repository and tag (skopeo list-tags docker://{Registry}/{repository} lists the tags)");
        }

        await _connection.EnsureSuccessAsync(response, repository, $"get manifest {reference}", cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > ManifestLimit)
        {
            throw new ImageException(ImageErrorReason.TooLarge, subject, $"{subject}: the manifest is {response.Content.Headers.ContentLength} bytes; over {ManifestLimit} is refused");
        }

        var bytes = await RegistryResponses.ReadLimitedAsync(response, ManifestLimit, subject, cancellationToken).ConfigureAwait(false);
        var digest = Digest.Compute(bytes);
        if (Digest.TryParse(reference, out var wanted) && wanted != digest)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, subject, $"{subject}: the registry sent a manifest whose digest is {digest}, not the {wanted} asked for; the registry's content is corrupt or tampered with");
        }

        if (response.Headers.TryGetValues("Docker-Content-Digest", out var said) && Digest.TryParse(said.FirstOrDefault(), out var announced) && announced.Algorithm == "sha256" && announced != digest)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, subject, $"{subject}: the manifest's bytes hash to {digest} but the registry says {announced}");
        }

        var type = response.Content.Headers.ContentType?.MediaType is { Length: > 0 } header && header != "application/json" ? new MediaType(header) : RegistryResponses.SniffType(bytes, subject);
        return (bytes, type, digest);
    }

    /// <summary>HEAD of a blob: true when the repository holds it.</summary>
    public async Task<bool> BlobExistsAsync(string repository, Digest digest, string actions, CancellationToken cancellationToken)
    {
        using var response = await _connection.SendAsync(() => new HttpRequestMessage(HttpMethod.Head, _connection.RepositoryUri(repository, "blobs/" + digest)), repository, actions, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await _connection.EnsureSuccessAsync(response, repository, $"check blob {digest}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A blob as a stream that checks its size and digest as it is read (the registry's redirects followed).</summary>
    public async Task<Stream> OpenBlobAsync(string repository, Descriptor blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var response = await _connection.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, _connection.RepositoryUri(repository, "blobs/" + blob.Digest)), repository, "pull", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new ImageException(ImageErrorReason.BlobMissing, blob.Digest.ToString(),
                    $"{Registry}/{repository} has no blob {blob.Digest}, which its manifest names; the image in the registry is incomplete (push it again)");
            }

            await _connection.EnsureSuccessAsync(response, repository, $"get blob {blob.Digest}", cancellationToken).ConfigureAwait(false);
            var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new VerifyingReadStream(new ResponseStream(content, response), blob.Digest, blob.Size, $"{Registry}/{repository}: blob {blob.Digest}");
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts an upload (POST …/blobs/uploads/). With <paramref name="mountFrom"/>, first asks to mount the blob from that
    /// repository of the same registry: null when the registry mounted it (nothing to upload), else the upload's location.
    /// </summary>
    public async Task<Uri?> StartUploadAsync(string repository, Digest? mount, string? mountFrom, CancellationToken cancellationToken)
    {
        var query = mount is { } digest && mountFrom is not null ? $"?mount={digest}&from={Uri.EscapeDataString(mountFrom)}" : "";
        using var response = await _connection.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, _connection.RepositoryUri(repository, "blobs/uploads/" + query)) { Content = new ByteArrayContent([]) },
            repository,
            "pull,push",
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken,
            mountFrom).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created && query.Length > 0)
        {
            return null;
        }

        await _connection.EnsureSuccessAsync(response, repository, "start a blob upload", cancellationToken).ConfigureAwait(false);
        return _connection.UploadLocation(response, repository);
    }

    /// <summary>PUT …?digest=: the whole blob in one request (monolithic), or none (<paramref name="content"/> null) to finish a chunked upload.</summary>
    public async Task FinishUploadAsync(string repository, Uri location, Digest digest, Stream? content, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var request = new HttpRequestMessage(HttpMethod.Put, RegistryConnection.WithQuery(location, "digest=" + Uri.EscapeDataString(digest.ToString())));
        // the caller owns the stream (it reads the digest or the check off it afterwards): the request must not dispose it
        request.Content = content is null ? new ByteArrayContent([]) : new StreamContent(new PrefixedStream(ReadOnlyMemory<byte>.Empty, content, leaveOpen: true), 1 << 16);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = content is null ? 0 : size;
        using var response = await _connection.SendBodyAsync(request, repository, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest && (await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false)).Contains("DIGEST_INVALID", StringComparison.Ordinal))
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, digest.ToString(), $"{Registry}/{repository}: the registry refused blob {digest}: the bytes sent do not hash to it; nothing was tagged");
        }

        await _connection.EnsureSuccessAsync(response, repository, $"upload blob {digest}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PATCH: streams <paramref name="content"/> into an upload (a chunk of unknown digest); returns the next location.</summary>
    public async Task<Uri> PatchUploadAsync(string repository, Uri location, Stream content, long size, long offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new StreamContent(new PrefixedStream(ReadOnlyMemory<byte>.Empty, content, leaveOpen: true), 1 << 16) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = size;
        if (size > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + size - 1}");
        }

        using var response = await _connection.SendBodyAsync(request, repository, cancellationToken).ConfigureAwait(false);
        await _connection.EnsureSuccessAsync(response, repository, "upload a chunk", cancellationToken).ConfigureAwait(false);
        return _connection.UploadLocation(response, repository);
    }

    /// <summary>PUT …/manifests/REF: returns the digest the registry stored it under (checked against the bytes).</summary>
    public async Task<Digest> PutManifestAsync(string repository, string reference, MediaType mediaType, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var digest = Digest.Compute(bytes.Span);
        var content = bytes.ToArray();
        using var response = await _connection.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, _connection.RepositoryUri(repository, "manifests/" + reference)) { Content = new ByteArrayContent(content) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType.Value);
                return request;
            },
            repository,
            "pull,push",
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var text = await RegistryResponses.ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
            throw new ImageException(text.Contains("BLOB_UNKNOWN", StringComparison.Ordinal) ? ImageErrorReason.BlobMissing : ImageErrorReason.InvalidFormat, $"{Registry}/{repository}:{reference}",
                $"{Registry}/{repository}: the registry refused the manifest for {reference}{text}");
        }

        await _connection.EnsureSuccessAsync(response, repository, $"push manifest {reference}", cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var said) && Digest.TryParse(said.FirstOrDefault(), out var stored) && stored != digest)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, $"{Registry}/{repository}:{reference}", $"{Registry}/{repository}: the registry stored the manifest as {stored}, but its bytes hash to {digest}");
        }

        return digest;
    }

    public void Dispose() => _connection.Dispose();
}
