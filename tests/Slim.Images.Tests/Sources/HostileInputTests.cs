using System.Text;
using Slim.Images;
using Slim.Images.Model;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Rebuild.Index;
using Slim.Testing;

namespace Slim.Images.Tests.Sources;

/// <summary>Archives made to hurt: each is refused with an <see cref="ImageException"/> whose reason and message name the problem.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<ImageException> ReadFailsAsync(byte[] archive, bool index = false)
    {
        var path = _dir.Write($"{Guid.NewGuid():N}.tar", archive);
        return await Assert.ThrowsAsync<ImageException>(async () =>
        {
            await using var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + path));
            var image = await source.GetImageAsync(CancellationToken.None);
            if (index)
            {
                await FileIndex.BuildAsync(source, image, CancellationToken.None);
            }
        });
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/etc/passwd")]
    public async Task Archive_entries_that_leave_the_root_are_refused(string name)
    {
        var e = await ReadFailsAsync(TestTar.Archive((name, "x"u8.ToArray()), ("manifest.json", "[]"u8.ToArray())));
        Assert.Equal(ImageErrorReason.UnsafePath, e.Detail);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    public async Task Manifest_paths_that_leave_the_archive_are_refused(string layerPath)
    {
        var image = new TestImage().Layer(new TestTar().File("a", "1"));
        var e = await ReadFailsAsync(image.ClassicArchive(editManifest: m => m.Replace($"{0:x64}/layer.tar", layerPath, StringComparison.Ordinal)));
        Assert.Equal(ImageErrorReason.BlobMissing, e.Detail);
        Assert.Contains(layerPath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_archive_entries_are_refused()
    {
        var e = await ReadFailsAsync(TestTar.Archive(("manifest.json", "[]"u8.ToArray()), ("manifest.json", "[]"u8.ToArray())));
        Assert.Equal(ImageErrorReason.DuplicateEntry, e.Detail);
    }

    [Fact]
    public async Task A_truncated_archive_is_refused()
    {
        var whole = new TestImage().Layer(new TestTar().File("big", new byte[100_000])).ClassicArchive();
        var e = await ReadFailsAsync(whole[..50_000]);
        Assert.True(e.Detail is ImageErrorReason.Truncated or ImageErrorReason.InvalidFormat, e.Detail.ToString());
    }

    [Fact]
    public async Task An_entry_claiming_an_absurd_size_is_refused()
    {
        var archive = TestTar.Archive(("manifest.json", "[]"u8.ToArray()), ("big", new byte[10]));
        // rewrite the size field (offset 124, 12 bytes) of the second entry's header to 8 GiB in octal
        var headerStart = FindHeader(archive, "big");
        Encoding.ASCII.GetBytes("77777777777\0").CopyTo(archive, headerStart + 124);
        FixChecksum(archive, headerStart);
        var e = await ReadFailsAsync(archive);
        Assert.True(e.Detail is ImageErrorReason.Truncated or ImageErrorReason.InvalidFormat, e.Detail.ToString());
    }

    [Fact]
    public async Task A_manifest_naming_a_missing_blob_is_refused()
    {
        var image = new TestImage().Layer(new TestTar().File("a", "1"));
        var e = await ReadFailsAsync(image.ClassicArchive(editManifest: m => m.Replace($"{0:x64}/layer.tar", "nothere/layer.tar", StringComparison.Ordinal)));
        Assert.Equal(ImageErrorReason.BlobMissing, e.Detail);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_the_document_named()
    {
        var e = await ReadFailsAsync(TestTar.Archive(("manifest.json", "[{\"Config\":"u8.ToArray())));
        Assert.Equal(ImageErrorReason.InvalidFormat, e.Detail);
        Assert.Contains("manifest.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layer_whose_content_does_not_match_its_diff_id_is_refused()
    {
        var image = new TestImage().Layer(new TestTar().File("a", "1"));
        var archive = image.ClassicArchive();
        var tampered = Replace(archive, "1"u8.ToArray()[0], (byte)'2', FindHeader(archive, $"{0:x64}/layer.tar") + 512);
        var e = await ReadFailsAsync(tampered, index: true);
        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
    }

    [Fact]
    public async Task A_corrupt_gzip_layer_is_refused()
    {
        var image = new TestImage().Layer(new TestTar().File("a", new string('x', 5000)), TestTar.Gzip);
        var blob = image.Layers[0].Blob;
        for (var i = 20; i < blob.Length - 10; i++)
        {
            blob[i] ^= 0x5a;
        }

        // the blob digest is computed from the corrupted bytes, so only decompression can notice
        var e = await ReadFailsAsync(image.ClassicArchive(), index: true);
        Assert.True(e.Detail is ImageErrorReason.InvalidFormat or ImageErrorReason.DigestMismatch, e.Detail.ToString());
    }

    [Fact]
    public async Task Hardlinks_out_of_the_root_are_refused()
    {
        var image = new TestImage().Layer(new TestTar().File("a", "1").Hardlink("b", "../../etc/shadow"));
        var e = await ReadFailsAsync(image.ClassicArchive(), index: true);
        Assert.Equal(ImageErrorReason.UnsafePath, e.Detail);
        Assert.Contains("b", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hardlinks_to_nothing_are_refused()
    {
        var image = new TestImage().Layer(new TestTar().File("a", "1").Hardlink("b", "missing"));
        var e = await ReadFailsAsync(image.ClassicArchive(), index: true);
        Assert.Equal(ImageErrorReason.UnsafePath, e.Detail);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Layer_entries_with_dot_dot_are_refused()
    {
        var image = new TestImage().Layer(new TestTar().File("../../tmp/pwned", "1"));
        var e = await ReadFailsAsync(image.ClassicArchive(), index: true);
        Assert.Equal(ImageErrorReason.UnsafePath, e.Detail);
    }

    [Fact]
    public async Task Oci_blob_with_wrong_size_or_digest_is_refused()
    {
        var image = new TestImage().Layer(new TestTar().File("a", "1"));
        var dir = image.OciLayout(_dir["layout"]);
        var layer = Path.Combine(dir, "blobs", "sha256", Digest.Compute(image.Layers[0].Blob).Encoded);
        var bytes = File.ReadAllBytes(layer);
        bytes[600] ^= 1;
        File.WriteAllBytes(layer, bytes);

        await using var source = ImageSources.Open(ImageLocation.Parse("oci:" + dir));
        var read = await source.GetImageAsync(CancellationToken.None);
        var e = await Assert.ThrowsAsync<ImageException>(() => FileIndex.BuildAsync(source, read, CancellationToken.None));
        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
        Assert.Contains(Digest.Compute(image.Layers[0].Blob).ToString(), e.Message, StringComparison.Ordinal);

        File.WriteAllBytes(layer, bytes[..100]);
        await using var shortSource = ImageSources.Open(ImageLocation.Parse("oci:" + dir));
        var shortRead = await shortSource.GetImageAsync(CancellationToken.None);
        var shortError = await Assert.ThrowsAsync<ImageException>(() => FileIndex.BuildAsync(shortSource, shortRead, CancellationToken.None));
        Assert.Equal(ImageErrorReason.Truncated, shortError.Detail);
    }

    [Fact]
    public async Task A_blob_symlinked_out_of_an_oci_layout_is_not_followed()
    {
        var image = new TestImage().Layer(new TestTar().File("a", "1"));
        var dir = image.OciLayout(_dir["layout"]);
        var layer = Path.Combine(dir, "blobs", "sha256", Digest.Compute(image.Layers[0].Blob).Encoded);
        File.Move(layer, _dir["outside"]);
        File.CreateSymbolicLink(layer, _dir["outside"]);

        await using var source = ImageSources.Open(ImageLocation.Parse("oci:" + dir));
        var read = await source.GetImageAsync(CancellationToken.None);
        var e = await Assert.ThrowsAsync<ImageException>(() => source.OpenBlobAsync(read.Layers[0], CancellationToken.None));
        Assert.Equal(ImageErrorReason.BlobMissing, e.Detail);
    }

    [Theory]
    [InlineData("\"digest\":\"sha256:../../../../etc/passwd\"", ImageErrorReason.InvalidFormat)]
    [InlineData("\"size\":999999999999999999", ImageErrorReason.TooLarge)]
    public async Task An_oci_index_naming_paths_or_sizes_it_cannot_have_is_refused(string replacement, ImageErrorReason reason)
    {
        var image = new TestImage().Layer(new TestTar().File("a", "1"));
        var dir = image.OciLayout(_dir["layout"]);
        var indexPath = Path.Combine(dir, "index.json");
        var index = File.ReadAllText(indexPath);
        var manifest = Digest.Compute(image.Manifest).ToString();
        index = replacement.StartsWith("\"digest", StringComparison.Ordinal)
            ? index.Replace($"\"digest\":\"{manifest}\"", replacement, StringComparison.Ordinal)
            : index.Replace($"\"size\":{image.Manifest.Length}", replacement, StringComparison.Ordinal);
        File.WriteAllText(indexPath, index);

        await using var source = ImageSources.Open(ImageLocation.Parse("oci:" + dir));
        var e = await Assert.ThrowsAsync<ImageException>(() => source.GetImageAsync(CancellationToken.None));
        Assert.Equal(reason, e.Detail);
    }

    /// <summary>Flips the bits of a compressed blob past its header, so that it no longer decompresses.</summary>
    private static void Garble(byte[] blob)
    {
        for (var i = 20; i < blob.Length - 10; i++)
        {
            blob[i] ^= 0x5a;
        }
    }

    private static async Task DrainLayerAsync(IImageSource source, int layer)
    {
        var image = await source.GetImageAsync(CancellationToken.None);
        await using var tar = await source.OpenLayerTarAsync(image, layer, CancellationToken.None);
        await tar.CopyToAsync(Stream.Null);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public async Task A_compressed_layer_that_does_not_decompress_is_an_invalid_layer_named_by_its_digest(string compression)
    {
        var image = new TestImage()
            .Layer(new TestTar().File("a", "1"))
            .Layer(new TestTar().File("b", new string('x', 5000)), compression == "gzip" ? TestTar.Gzip : TestTar.Zstd);
        // the blob's digest is that of the garbled bytes (docker-archive records none), so only decompression can tell
        Garble(image.Layers[1].Blob);
        var path = _dir.Write($"{compression}.tar", image.ClassicArchive());
        await using var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + path));

        var e = await Assert.ThrowsAsync<ImageException>(() => DrainLayerAsync(source, 1));

        Assert.Equal(ImageErrorReason.InvalidFormat, e.Detail);
        Assert.Equal(Slim.Trace.Errors.ErrorReason.InvalidImage, e.Reason);
        var digest = Digest.Compute(image.Layers[1].Blob).ToString();
        Assert.Contains($"layer 1 ({digest})", e.Subject, StringComparison.Ordinal);
        Assert.Contains("does not decompress", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public async Task A_compressed_blob_whose_bytes_are_not_its_digest_is_a_digest_mismatch(string compression)
    {
        var image = new TestImage().Layer(new TestTar().File("b", new string('x', 5000)), compression == "gzip" ? TestTar.Gzip : TestTar.Zstd);
        var dir = image.OciLayout(_dir["layout-" + compression]);
        var digest = Digest.Compute(image.Layers[0].Blob);
        var blob = Path.Combine(dir, "blobs", "sha256", digest.Encoded);
        var bytes = File.ReadAllBytes(blob);
        Garble(bytes);
        File.WriteAllBytes(blob, bytes);
        await using var source = ImageSources.Open(ImageLocation.Parse("oci:" + dir));

        var e = await Assert.ThrowsAsync<ImageException>(() => DrainLayerAsync(source, 0));

        // the broken compression is only the symptom: the blob is not the one the manifest names
        Assert.Equal(ImageErrorReason.DigestMismatch, e.Detail);
        Assert.Equal(Slim.Trace.Errors.ErrorReason.DigestMismatch, e.Reason);
        Assert.Contains(digest.ToString(), e.Message, StringComparison.Ordinal);
    }

    private static int FindHeader(byte[] archive, string name)
    {
        var needle = Encoding.ASCII.GetBytes(name + "\0");
        for (var offset = 0; offset + 512 <= archive.Length; offset += 512)
        {
            if (archive.AsSpan(offset, needle.Length).SequenceEqual(needle))
            {
                return offset;
            }
        }

        throw new InvalidOperationException($"no header for {name}");
    }

    private static void FixChecksum(byte[] archive, int header)
    {
        archive.AsSpan(header + 148, 8).Fill((byte)' ');
        var sum = archive.AsSpan(header, 512).ToArray().Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(archive, header + 148);
    }

    private static byte[] Replace(byte[] archive, byte from, byte to, int start)
    {
        var copy = archive.ToArray();
        // the layer's tar: skip its own header(s) and flip the first content byte equal to `from`
        for (var i = start + 512; i < copy.Length; i++)
        {
            if (copy[i] == from)
            {
                copy[i] = to;
                return copy;
            }
        }

        throw new InvalidOperationException("byte not found");
    }
}
