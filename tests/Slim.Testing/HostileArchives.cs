namespace Slim.Testing;

/// <summary>
/// One hand-made image archive per rule a reader must keep (issue 14's hostile corpus). Refused ones must give one line and
/// exit 2 from every reader; accepted ones (<see cref="HostileArchive.Accepted"/>) must be read alike by every reader.
/// </summary>
public static class HostileArchives
{
    public static IReadOnlyList<HostileArchive> All { get; } = Make();

    public static HostileArchive Get(string name) => All.Single(a => a.Name == name);

    private static List<HostileArchive> Make()
    {
        var big = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"line {i} of a file that compresses well\n"));
        var baseLayer = new TestTar().Directory("etc").File("etc/os-release", "ID=test\n");
        HostileArchive Classic(string name, TestTar layer, string? says = null, bool accepted = false) =>
            new(name, "docker-archive", new TestImage().Layer(baseLayer).Layer(layer).ClassicArchive(), accepted, says, LayerContent: true);

        var list = new List<HostileArchive>
        {
            Classic("traversal", new TestTar().File("../evil", "x"), "../evil"),
            Classic("absolute", new TestTar().File("/etc/evil", "x"), "/etc/evil"),
            Classic("hardlink-escape", new TestTar().Hardlink("x", "../etc/os-release"), "x"),
            Classic("hardlink-to-nothing", new TestTar().File("a", "1").Hardlink("b", "nothere"), "nothere"),
            Classic("absurd-entry-size", new TestTar().Raw("big"u8.ToArray(), '0', [], claimedSize: 1L << 40), "big"),
        };

        var tampered = new TestImage().Layer(baseLayer).Layer(new TestTar().File("a", "original"));
        var blob = tampered.Layers[1].Blob.ToArray();
        blob[Array.IndexOf(blob, (byte)'o', 600)] = (byte)'O';
        tampered.Layers[1] = (blob, tampered.Layers[1].Tar, tampered.Layers[1].MediaType);
        list.Add(new("diff-id-mismatch", "docker-archive", tampered.ClassicArchive(), false, "digest", LayerContent: true));

        var gzip = new TestImage().Layer(baseLayer).Layer(new TestTar().File("b", big), TestTar.Gzip);
        list.Add(new("blob-digest-mismatch", "oci-archive", gzip.OciArchive((i, b) => i == 1 ? Flip(b, b.Length / 2) : b), false, "digest", LayerContent: true));
        list.Add(new("corrupt-gzip", "docker-archive", Corrupt(TestTar.Gzip), false, "does not decompress", LayerContent: true));
        list.Add(new("corrupt-zstd", "docker-archive", Corrupt(TestTar.Zstd), false, "does not decompress", LayerContent: true));

        var truncatedGzip = new TestImage().Layer(baseLayer).Layer(new TestTar().File("b", big), TestTar.Gzip);
        var cut = truncatedGzip.Layers[1].Blob;
        truncatedGzip.Layers[1] = (cut[..(cut.Length / 2)], truncatedGzip.Layers[1].Tar, truncatedGzip.Layers[1].MediaType);
        list.Add(new("truncated-gzip", "docker-archive", truncatedGzip.ClassicArchive(), false, null, LayerContent: true));

        var truncatedLayer = new TestImage().Layer(baseLayer).Layer(new TestTar().File("b", big));
        var tar = truncatedLayer.Layers[1].Blob;
        truncatedLayer.Layers[1] = (tar[..(tar.Length / 2)], truncatedLayer.Layers[1].Tar, truncatedLayer.Layers[1].MediaType);
        list.Add(new("truncated-layer", "docker-archive", truncatedLayer.ClassicArchive(), false, null, LayerContent: true));

        var whole = new TestImage().Layer(baseLayer).Layer(new TestTar().File("b", big)).ClassicArchive();
        list.Add(new("truncated-archive-in-layer", "docker-archive", whole[..(whole.Length / 2)], false, null));
        list.Add(new("truncated-archive-at-end", "docker-archive", whole[..(whole.Length - 2048)], false, null));
        list.Add(new("truncated-archive-in-header", "docker-archive", whole[..1300], false, null));

        var simple = new TestImage().Layer(baseLayer);
        list.Add(new("manifest-layer-escape", "docker-archive", simple.ClassicArchive(editManifest: m => Replace(m, "/layer.tar", "/../../../etc/passwd")), false, "etc/passwd"));
        list.Add(new("manifest-config-escape", "docker-archive", simple.ClassicArchive(editManifest: m => m.Replace("\"Config\":\"", "\"Config\":\"/etc/", StringComparison.Ordinal)), false, "/etc/"));
        list.Add(new("missing-layer", "docker-archive", simple.ClassicArchive(editManifest: m => Replace(m, "/layer.tar", "/missing.tar")), false, "missing.tar"));
        list.Add(new("manifest-not-json", "docker-archive", simple.ClassicArchive(editManifest: _ => "this is not JSON"), false, "manifest.json is not valid JSON"));
        list.Add(new("absurd-archive-entry-size", "docker-archive", AppendRaw(simple.ClassicArchive(), new TestTar().Raw("zz"u8.ToArray(), '0', [], claimedSize: 1L << 40)), false, "zz"));

        // read alike by every reader
        list.Add(Classic("duplicate-entries", new TestTar().File("dup", "first").File("dup", "the second, longer"), accepted: true));
        list.Add(Classic("devices-and-fifos", new TestTar().Directory("dev").Raw("dev/null"u8.ToArray(), '3', [], major: 1, minor: 3).Raw("dev/sda"u8.ToArray(), '4', [], major: 8).Raw("fifo"u8.ToArray(), '6', []), accepted: true));
        list.Add(Classic("odd-names", new TestTar()
            .File("with space", "1").File("ünïcödé", "3").File(new string('l', 150), "4").File("-rf", "5")
            .Raw([(byte)'n', 0xff], '0', "6"u8.ToArray()).Raw([(byte)'n', 0xfe], '0', "7"u8.ToArray()), accepted: true));
        // a symlink is link text, resolved inside the root by whoever follows it (containerd applies ones that climb past
        // the root as they are; slim never follows a link out of the root): kept, as the engine keeps it
        list.Add(Classic("symlinks-that-climb", new TestTar().Symlink("sh", "/bin/busybox").Directory("a").Symlink("a/up", "../../etc").Symlink("dangling", "../nowhere"), accepted: true));
        return list;

        byte[] Corrupt(Func<byte[], byte[]> compress)
        {
            var image = new TestImage().Layer(baseLayer).Layer(new TestTar().File("b", big), compress);
            var bytes = image.Layers[1].Blob;
            for (var i = bytes.Length / 2; i < bytes.Length - 10; i++)
            {
                bytes[i] ^= 0x5a;
            }

            return image.ClassicArchive();
        }
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        for (var i = at; i < copy.Length - 10; i++)
        {
            copy[i] ^= 0x5a;
        }

        return copy;
    }

    private static string Replace(string manifest, string from, string to) => manifest.Replace(from, to, StringComparison.Ordinal);

    /// <summary>The archive with <paramref name="extra"/>'s entries put before its end-of-archive blocks.</summary>
    private static byte[] AppendRaw(byte[] archive, TestTar extra)
    {
        var end = archive.Length;
        while (end >= 512 && !archive.AsSpan(end - 512, 512).ContainsAnyExcept((byte)0))
        {
            end -= 512;
        }

        return [.. archive.AsSpan(0, end), .. extra.ToBytes()];
    }
}

/// <summary>A hostile archive: its bytes, the transport that reads them, whether readers must accept it, and a word its refusal must say.</summary>
/// <see cref="LayerContent"/>: the rule is about what is inside a layer, which plain `slim inspect` (manifest and config only) never reads.
public sealed record HostileArchive(string Name, string Transport, byte[] Bytes, bool Accepted, string? Says, bool LayerContent = false)
{
    public override string ToString() => Name;
}
