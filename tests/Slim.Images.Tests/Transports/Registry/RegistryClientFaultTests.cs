using System.Diagnostics;
using System.Text;
using Slim.Images;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Images.Transports.Registry;
using Slim.Trace.Errors;

namespace Slim.Images.Tests.Transports.Registry;

/// <summary>The client against a registry that rate-limits or sends corrupt bytes: the error paths a real registry cannot be made to take.</summary>
public sealed class RegistryClientFaultTests
{
    private static readonly byte[] Config = """{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"""u8.ToArray();

    private static readonly Descriptor ConfigDescriptor = Descriptor.For(MediaType.OciConfig, Config);

    private static readonly byte[] Manifest = ImageJson.Serialize(new ImageManifest { MediaType = MediaType.OciManifest, Config = ConfigDescriptor, Layers = [] });

    // plain HTTP, and short back-off so the tests that do not test Retry-After stay fast
    private static readonly RegistryOptions Options = new() { TlsVerify = false, FirstRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 2 };

    private static RegistryImageSource Source(FaultyRegistry registry, string name = "app:1")
    {
        var location = Assert.IsType<RegistryLocation>(ImageLocation.Parse($"docker://{registry.Host}/{name}"));
        return new RegistryImageSource(new RegistryClient(location.Registry, Options), location, null);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_seconds_Retry_After_asks_then_the_image_reads()
    {
        var limited = 0;
        await using var registry = new FaultyRegistry(async context =>
        {
            var path = context.Request.Url!.AbsolutePath;
            if (path.EndsWith("/manifests/1", StringComparison.Ordinal) && Interlocked.Increment(ref limited) <= 2)
            {
                context.Response.Headers["Retry-After"] = "1";
                await FaultyRegistry.WriteAsync(context, 429, """{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}"""u8.ToArray(), "application/json");
            }
            else if (path.EndsWith("/manifests/1", StringComparison.Ordinal))
            {
                await FaultyRegistry.WriteAsync(context, 200, Manifest, MediaType.OciManifest.Value);
            }
            else
            {
                await FaultyRegistry.WriteAsync(context, 200, Config, "application/octet-stream");
            }
        });
        await using var source = Source(registry);
        var clock = Stopwatch.StartNew();
        var image = await source.GetImageAsync(CancellationToken.None);
        Assert.Equal(ConfigDescriptor.Digest, image.ConfigDescriptor.Digest);
        Assert.Equal(3, registry.Requests.Count(r => r.EndsWith("/manifests/1", StringComparison.Ordinal)));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"two Retry-After: 1 waits took only {clock.Elapsed}");
    }

    [Fact]
    public async Task A_registry_that_keeps_answering_429_fails_naming_registry_repository_and_what_to_do()
    {
        await using var registry = new FaultyRegistry(context => FaultyRegistry.WriteAsync(context, 429));
        await using var source = Source(registry, "team/app:1");
        var e = await Assert.ThrowsAsync<ImageException>(() => source.GetImageAsync(CancellationToken.None));
        Assert.Equal(ImageErrorReason.RegistryUnavailable, e.Detail);
        Assert.Equal(ErrorReason.Failed, e.Reason);
        Assert.Contains(registry.Host, e.Message, StringComparison.Ordinal);
        Assert.Contains("team/app", e.Message, StringComparison.Ordinal);
        Assert.Contains("429", e.Message, StringComparison.Ordinal);
        Assert.Contains("try again", e.Message, StringComparison.Ordinal);
        Assert.Equal(1 + Options.MaxRetries, registry.Requests.Count(r => r.Contains("/manifests/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_blob_whose_bytes_do_not_match_its_digest_is_refused_when_read()
    {
        var layer = Encoding.UTF8.GetBytes(new string('x', 5000));
        var descriptor = Descriptor.For(MediaType.OciLayer, layer);
        await using var registry = new FaultyRegistry(context =>
        {
            var tampered = (byte[])layer.Clone();
            tampered[100] = (byte)'y';
            return FaultyRegistry.WriteAsync(context, 200, tampered, "application/octet-stream");
        });
        await using var source = Source(registry);
        await using var blob = await source.OpenBlobAsync(descriptor, CancellationToken.None);
        var e = await Assert.ThrowsAsync<ImageException>(() => blob.CopyToAsync(Stream.Null));
        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
        Assert.Contains(descriptor.Digest.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains(registry.Host, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_asked_for_by_digest_must_hash_to_it()
    {
        var wanted = Digest.Compute("something else"u8);
        await using var registry = new FaultyRegistry(context => FaultyRegistry.WriteAsync(context, 200, Manifest, MediaType.OciManifest.Value));
        await using var source = Source(registry, $"app@{wanted}");
        var e = await Assert.ThrowsAsync<ImageException>(() => source.GetImageAsync(CancellationToken.None));
        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
        Assert.Equal(ErrorReason.DigestMismatch, e.Reason);
    }

    [Fact]
    public async Task A_blob_the_registry_refuses_by_digest_fails_the_push_before_any_manifest_is_put()
    {
        await using var registry = new FaultyRegistry(async context =>
        {
            var method = context.Request.HttpMethod;
            var path = context.Request.Url!.AbsolutePath;
            if (method == "HEAD")
            {
                await FaultyRegistry.WriteAsync(context, 404);
            }
            else if (method == "POST")
            {
                context.Response.Headers["Location"] = "/v2/app/blobs/uploads/u1";
                await FaultyRegistry.WriteAsync(context, 202);
            }
            else if (method == "PUT" && path.Contains("/blobs/uploads/", StringComparison.Ordinal))
            {
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                await FaultyRegistry.WriteAsync(context, 400, """{"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content"}]}"""u8.ToArray(), "application/json");
            }
            else
            {
                await FaultyRegistry.WriteAsync(context, 500);
            }
        });
        var location = Assert.IsType<RegistryLocation>(ImageLocation.Parse($"docker://{registry.Host}/app:1"));
        await using var sink = new RegistryImageSink(new RegistryClient(location.Registry, Options), location);
        var e = await Assert.ThrowsAsync<ImageException>(() => RegistryCopy.CopyAsync(new OneImageSource(Config, Manifest), sink, null, CancellationToken.None));
        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
        Assert.Contains("nothing was tagged", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(registry.Requests, r => r.Contains("/manifests/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_image_naming_one_layer_twice_uploads_it_once_though_its_layers_go_side_by_side()
    {
        var tar = new Slim.Testing.TestTar().File("same", new string('s', 4000));
        var image = new Slim.Testing.TestImage().Layer(tar, Slim.Testing.TestTar.Gzip).Layer(tar, Slim.Testing.TestTar.Gzip).Layer(new Slim.Testing.TestTar().File("other", "o"));
        using var dir = new Slim.Testing.TempDirectory();
        var layout = image.OciLayout(dir["layout"]);
        var uploads = 0;
        await using var registry = new FaultyRegistry(async context =>
        {
            var method = context.Request.HttpMethod;
            if (method == "HEAD")
            {
                await FaultyRegistry.WriteAsync(context, 404);
            }
            else if (method == "POST")
            {
                context.Response.Headers["Location"] = $"/v2/app/blobs/uploads/u{Interlocked.Increment(ref uploads)}";
                await FaultyRegistry.WriteAsync(context, 202);
            }
            else
            {
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                await FaultyRegistry.WriteAsync(context, 201);
            }
        });
        var location = Assert.IsType<RegistryLocation>(ImageLocation.Parse($"docker://{registry.Host}/app:1"));
        await using var sink = new RegistryImageSink(new RegistryClient(location.Registry, Options), location);
        await using var source = ImageSources.Open(ImageLocation.Parse("oci:" + layout));

        await Slim.Images.Copy.ImageCopy.CopyAsync(source, sink, null, CancellationToken.None);

        Assert.Equal(3, uploads); // two distinct layers and the config
        Assert.Equal(3, sink.Uploaded);
        Assert.Single(registry.Requests, r => r.StartsWith("PUT /v2/app/manifests/", StringComparison.Ordinal));
    }

    /// <summary>An image with only a config, held in memory.</summary>
    private sealed class OneImageSource(byte[] config, byte[] manifest) : IImageSource
    {
        public string Description => "memory";

        public Task<SourceImage> GetImageAsync(CancellationToken cancellationToken) =>
            Task.FromResult(SourceImage.Create(Descriptor.For(MediaType.OciManifest, manifest), manifest, ImageJson.ParseManifest(manifest, "m"), config, [], "memory"));

        public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken) => Task.FromResult<Stream>(new MemoryStream(config));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
