using System.Security.Cryptography;
using Slim.Testing;

namespace Slim.Cli.Tests.Images;

/// <summary>An unpacked root filesystem summarised by find(1): path -> type, mode and content digest (or link target).</summary>
internal static class RootTree
{
    public static async Task<SortedDictionary<string, string>> ReadAsync(string root)
    {
        var listing = (await ExternalCommand.RunAsync("find", [root, "-mindepth", "1", "-printf", "%P\\t%y\\t%m\\t%l\\n"])).EnsureSuccess();
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            var (path, type, mode, target) = (fields[0], fields[1], fields[2], fields[3]);
            tree[path] = type switch
            {
                "l" => "link " + target,
                "f" => $"file {mode} {await HashAsync(Path.Combine(root, path))}",
                _ => $"{type} {mode}",
            };
        }

        return tree;
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
