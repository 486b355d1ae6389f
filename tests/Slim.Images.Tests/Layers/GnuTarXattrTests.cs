using Slim.Images.Layers;
using Slim.Testing;

namespace Slim.Images.Tests.Layers;

/// <summary>Binary xattrs written by a tool we did not write (GNU tar) read back byte for byte, and our writer's output is read by it.</summary>
[Integration]
public sealed class GnuTarXattrTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_binary_xattr_from_gnu_tar_survives_reading_and_rewriting()
    {
        byte[] value = [0x01, 0x00, 0x00, 0x02, 0x80, 0xff, 0xfe, 0x00, 0x20];
        var root = Directory.CreateDirectory(_dir["root"]).FullName;
        File.WriteAllText(Path.Combine(root, "f"), "hi");
        var hex = Convert.ToHexString(value);
        (await ExternalCommand.RunAsync("python3", ["-c", $"import os; os.setxattr('{root}/f', 'user.bin', bytes.fromhex('{hex}'))"])).EnsureSuccess();
        (await ExternalCommand.RunAsync("tar", ["--xattrs", "--xattrs-include=*", "-cf", _dir["gnu.tar"], "-C", root, "f"])).EnsureSuccess();

        var read = await ReadAsync(File.ReadAllBytes(_dir["gnu.tar"]));
        Assert.Equal(value, System.Text.Encoding.Latin1.GetBytes(read.Xattrs["user.bin"]));

        var output = new MemoryStream();
        await using (var writer = new LayerWriter(output, LayerCompression.None))
        {
            await writer.AddAsync(read, new MemoryStream("hi"u8.ToArray()), CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        File.WriteAllBytes(_dir["ours.tar"], output.ToArray());
        var unpack = Directory.CreateDirectory(_dir["unpack"]).FullName;
        (await ExternalCommand.RunAsync("tar", ["--xattrs", "--xattrs-include=*", "-xf", _dir["ours.tar"], "-C", unpack])).EnsureSuccess();
        var back = (await ExternalCommand.RunAsync("python3", ["-c", $"import os; print(os.getxattr('{unpack}/f', 'user.bin').hex())"])).EnsureSuccess();
        Assert.Equal(hex.ToLowerInvariant(), back.StandardOutput.Trim());
    }

    private static async Task<LayerEntry> ReadAsync(byte[] tar)
    {
        await foreach (var entry in LayerReader.ReadEntriesAsync(new MemoryStream(tar), "gnu", CancellationToken.None))
        {
            return entry;
        }

        throw new InvalidOperationException("empty tar");
    }
}
