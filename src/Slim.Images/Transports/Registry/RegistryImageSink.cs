using System.Collections.Concurrent;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Streams;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// Pushes an image to a registry: each blob is looked for first (HEAD) and skipped when there, mounted from another repository
/// of the same registry when one is named, else uploaded (one monolithic PUT when its digest is known, a streamed PATCH then
/// PUT when it is not). The manifest goes last, so a failed push leaves no tag pointing at missing blobs.
/// </summary>
public sealed class RegistryImageSink(RegistryClient client, RegistryLocation location) : IImageSink, IUnnamedBlobSink
{
    private readonly ConcurrentDictionary<Digest, bool> _present = new();
    private readonly ConcurrentDictionary<Digest, bool> _absent = new();
    private readonly ConcurrentDictionary<Digest, bool> _mountTried = new();
    private readonly ConcurrentDictionary<Digest, Task> _writes = new();
    private int _skipped;
    private int _mounted;
    private int _uploaded;

    public string Description => location.ToString();

    public RegistryLocation Location => location;

    /// <summary>Layers may stay compressed: a registry stores blobs as they are.</summary>
    public bool RequiresUncompressedLayers => false;

    public bool CanWriteUnnamedBlobs => true;

    /// <summary>Each blob is its own upload.</summary>
    public bool TakesBlobsConcurrently => true;

    /// <summary>A repository of the same registry that holds the blobs (the source of a registry-to-registry copy): blobs are mounted from it.</summary>
    public string? MountFrom { get; set; }

    /// <summary>The digest the manifest was pushed under, once committed.</summary>
    public Digest? PushedDigest { get; private set; }

    /// <summary>Blobs found in the registry (HEAD), mounted, or uploaded.</summary>
    public int Skipped => _skipped;

    public int Mounted => _mounted;

    public int Uploaded => _uploaded;

    /// <summary>True when the registry holds the blob already (looked for once, then remembered).</summary>
    public async Task<bool> HasBlobAsync(Digest digest, CancellationToken cancellationToken)
    {
        if (_present.ContainsKey(digest))
        {
            return true;
        }

        if (_absent.ContainsKey(digest))
        {
            return false;
        }

        if (await client.BlobExistsAsync(location.Repository, digest, "pull,push", cancellationToken).ConfigureAwait(false))
        {
            _present[digest] = true;
            Interlocked.Increment(ref _skipped);
            return true;
        }

        _absent[digest] = true;
        return false;
    }

    /// <summary>Asks the registry (once per blob) to mount the blob from <see cref="MountFrom"/>; true when it did (nothing to upload).</summary>
    public async Task<bool> TryMountAsync(Digest digest, CancellationToken cancellationToken)
    {
        if (MountFrom is null || MountFrom == location.Repository || !_mountTried.TryAdd(digest, true))
        {
            return false;
        }

        var upload = await client.StartUploadAsync(location.Repository, digest, MountFrom, cancellationToken).ConfigureAwait(false);
        if (upload is null)
        {
            _present[digest] = true;
            Interlocked.Increment(ref _mounted);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Writes a blob unless the registry has it or can mount it. Two writers of one digest at once (an image may name a layer
    /// twice) upload it once: the later one reads its own stream through (its caller may be checking the content) and waits.
    /// </summary>
    public async Task WriteBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(content);
        var verified = VerifyingReadStream.Ensure(content, blob, $"blob {blob.Digest}");
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _writes.GetOrAdd(blob.Digest, mine.Task);
        if (first != mine.Task)
        {
            await verified.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            await first.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await WriteOnceAsync(blob, verified, cancellationToken).ConfigureAwait(false);
            mine.SetResult();
        }
        catch (Exception e)
        {
            _writes.TryRemove(blob.Digest, out _);
            mine.SetException(e);
            _ = mine.Task.Exception; // the caller sees it; a waiter may not exist
            throw;
        }
    }

    private async Task WriteOnceAsync(Descriptor blob, Stream verified, CancellationToken cancellationToken)
    {
        if (await HasBlobAsync(blob.Digest, cancellationToken).ConfigureAwait(false) || await TryMountAsync(blob.Digest, cancellationToken).ConfigureAwait(false))
        {
            // the caller may be checking the content on the way (a diff_id): it still sees every byte
            await verified.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var upload = await client.StartUploadAsync(location.Repository, null, null, cancellationToken).ConfigureAwait(false);
        await client.FinishUploadAsync(location.Repository, upload!, blob.Digest, verified, blob.Size, cancellationToken).ConfigureAwait(false);
        _present[blob.Digest] = true;
        Interlocked.Increment(ref _uploaded);
    }

    public async Task<Descriptor> WriteUnnamedBlobAsync(MediaType mediaType, Stream content, long size, CancellationToken cancellationToken)
    {
        // streamed as one chunk (PATCH) while hashed, then closed (PUT) under the digest that came out
        var upload = await client.StartUploadAsync(location.Repository, null, null, cancellationToken).ConfigureAwait(false);
        var hashing = new HashingReadStream(content);
        var next = await client.PatchUploadAsync(location.Repository, upload!, hashing, size, 0, cancellationToken).ConfigureAwait(false);
        if (hashing.BytesRead != size)
        {
            throw new ImageException(ImageErrorReason.Truncated, Description, $"{Description}: a blob of {size} bytes ended after {hashing.BytesRead}");
        }

        var digest = hashing.GetDigest();
        await client.FinishUploadAsync(location.Repository, next, digest, null, 0, cancellationToken).ConfigureAwait(false);
        _present[digest] = true;
        Interlocked.Increment(ref _uploaded);
        return new Descriptor { MediaType = mediaType, Digest = digest, Size = size };
    }

    public async Task CommitAsync(ImageCommit image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var reference = location.Reference.Tag ?? location.Reference.Digest!.Value.ToString();
        if (location.Reference.Digest is { } pinned && pinned != image.ManifestDescriptor.Digest)
        {
            throw new ImageException(ImageErrorReason.DigestMismatch, Description,
                $"{Description} asks for digest {pinned}, but the manifest to push is {image.ManifestDescriptor.Digest}; push by tag instead");
        }

        PushedDigest = await client.PutManifestAsync(location.Repository, reference, image.ManifestDescriptor.MediaType, image.ManifestBytes, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
