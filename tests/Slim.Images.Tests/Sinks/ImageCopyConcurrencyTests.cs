using Slim.Images.Copy;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Streams;
using Slim.Images.Transports;
using Slim.Testing;

namespace Slim.Images.Tests.Sinks;

public sealed class ImageCopyConcurrencyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static TestImage ThreeLayers() => new TestImage()
        .Layer(new TestTar().File("a", new string('a', 5000)), TestTar.Gzip)
        .Layer(new TestTar().File("b", new string('b', 5000)))
        .Layer(new TestTar().File("c", new string('c', 5000)), TestTar.Gzip);

    [Fact]
    public async Task Layers_travel_side_by_side_when_source_and_sink_allow_it_and_land_in_order()
    {
        var image = ThreeLayers();
        var layout = image.OciLayout(_dir["in"]);
        await using var source = new CountingSource(ImageSources.Open(ImageLocation.Parse("oci:" + layout)), waitFor: 3);
        await using (var sink = ImageSinks.Open(ImageLocation.Parse("oci:" + _dir["out"])))
        {
            await ImageCopy.CopyAsync(source, sink, null, CancellationToken.None);
        }

        Assert.Equal(3, source.MostOpenAtOnce);
        await using var copy = ImageSources.Open(ImageLocation.Parse("oci:" + _dir["out"]));
        var written = await copy.GetImageAsync(CancellationToken.None);
        Assert.Equal(image.Layers.Select(l => Digest.Compute(l.Blob)), written.Layers.Select(l => l.Digest));
    }

    [Theory]
    [InlineData("docker-archive", "out.tar")]
    [InlineData("oci-archive", "out.tar")]
    public async Task An_archive_takes_one_layer_at_a_time(string transport, string name)
    {
        var layout = ThreeLayers().OciLayout(_dir["in"]);
        await using var source = new CountingSource(ImageSources.Open(ImageLocation.Parse("oci:" + layout)), waitFor: 0);
        await using (var sink = ImageSinks.Open(ImageLocation.Parse($"{transport}:{_dir.Path}/{name}")))
        {
            await ImageCopy.CopyAsync(source, sink, null, CancellationToken.None);
        }

        Assert.Equal(1, source.MostOpenAtOnce);
    }

    [Fact]
    public async Task Without_the_content_check_a_layer_unlike_its_diff_id_passes_on_as_skopeo_passes_it()
    {
        var image = new TestImage();
        var shipped = new TestTar().File("a", "what is really there").ToBytes();
        var claimed = new TestTar().File("a", "what the config claims").ToBytes();
        image.Layers.Add((TestTar.Gzip(shipped), claimed, MediaType.OciLayerGzip));
        var layout = image.OciLayout(_dir["in"]);

        await using (var source = ImageSources.Open(ImageLocation.Parse("oci:" + layout)))
        await using (var sink = ImageSinks.Open(ImageLocation.Parse("oci:" + _dir["out"])))
        {
            await ImageCopy.CopyAsync(source, sink, null, CancellationToken.None, new ImageCopyOptions(CheckLayerContent: false));
        }

        var blob = Digest.Compute(image.Layers[0].Blob);
        Assert.True(File.Exists(Path.Combine(_dir["out"], "blobs", "sha256", blob.Encoded)));
    }

    [Fact]
    public async Task A_sink_does_not_take_a_stream_checking_another_digest_as_checked()
    {
        var bytes = "what arrives"u8.ToArray();
        var other = "what the descriptor names"u8.ToArray()[..bytes.Length];
        var descriptor = new Descriptor { MediaType = MediaType.OciLayer, Digest = Digest.Compute(other), Size = bytes.Length };
        await using var sink = ImageSinks.Open(ImageLocation.Parse("oci:" + _dir["out"]));
        var checking = new VerifyingReadStream(new MemoryStream(bytes), Digest.Compute(bytes), bytes.Length, "arriving");

        var e = await Assert.ThrowsAsync<ImageException>(() => sink.WriteBlobAsync(descriptor, checking, CancellationToken.None));

        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
    }

    [Fact]
    public void A_stream_checking_the_same_digest_and_size_is_not_wrapped_again()
    {
        var bytes = "layer"u8.ToArray();
        var descriptor = new Descriptor { MediaType = MediaType.OciLayer, Digest = Digest.Compute(bytes), Size = bytes.Length };
        var checking = new VerifyingReadStream(new MemoryStream(bytes), descriptor.Digest, bytes.Length, "layer");

        Assert.Same(checking, VerifyingReadStream.Ensure(checking, descriptor, "layer"));
        Assert.NotSame(checking, VerifyingReadStream.Ensure(checking, descriptor with { Size = 4 }, "layer"));
    }

    /// <summary>
    /// A source that counts its blob streams open at once. With <c>waitFor</c> above zero, each stream's first read waits
    /// (up to ten seconds) until that many are open, so a copy that could run them side by side is seen to.
    /// </summary>
    private sealed class CountingSource(IImageSource inner, int waitFor) : IImageSource
    {
        private readonly TaskCompletionSource _enoughOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _open;
        private int _most;

        public int MostOpenAtOnce => Volatile.Read(ref _most);

        private int WaitFor => waitFor;

        public string Description => inner.Description;

        public bool ServesBlobsConcurrently => true;

        public Task<SourceImage> GetImageAsync(CancellationToken cancellationToken) => inner.GetImageAsync(cancellationToken);

        public async Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken)
        {
            var stream = await inner.OpenBlobAsync(blob, cancellationToken);
            var open = Interlocked.Increment(ref _open);
            int most;
            while ((most = Volatile.Read(ref _most)) < open && Interlocked.CompareExchange(ref _most, open, most) != most)
            {
            }

            if (waitFor > 0 && open >= waitFor)
            {
                _enoughOpen.TrySetResult();
            }

            return new Counted(stream, this);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private sealed class Counted(Stream inner, CountingSource source) : ForwardOnlyReadStream, IDigestCheckingStream
        {
            private bool _started;
            private bool _closed;

            public bool Checks(Digest digest, long size) => inner is IDigestCheckingStream c && c.Checks(digest, size);

            public override int Read(Span<byte> buffer) => inner.Read(buffer);

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (!_started && source.WaitFor > 0)
                {
                    _started = true;
                    await source._enoughOpen.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                return await inner.ReadAsync(buffer, cancellationToken);
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing && !_closed)
                {
                    _closed = true;
                    Interlocked.Decrement(ref source._open);
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
