using System.Formats.Tar;
using System.Text.Json;

namespace Slim.Analysis.Tests.Xray;

/// <summary>
/// An independent reading of dive's published formula, straight from a `docker save` archive with System.Formats.Tar
/// (no slim code): per layer, the leaves of the layer's tree sized (file whiteout 0, directory whiteout the size of
/// everything under it in the stacked view below); per path, the sum and the minimum over layers.
/// </summary>
internal static class DiveReference
{
    public sealed record Result(double Efficiency, long WastedBytes, double UserWastedPercent, long ImageSize);

    public static Result Compute(string dockerSaveArchive)
    {
        var dir = Directory.CreateTempSubdirectory("slim-dive-ref-");
        try
        {
            TarFile.ExtractToDirectory(dockerSaveArchive, dir.FullName, overwriteFiles: false);
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "manifest.json")));
            var layerFiles = manifest.RootElement[0].GetProperty("Layers").EnumerateArray().Select(l => Path.Combine(dir.FullName, l.GetString()!)).ToList();

            var stacked = new SortedDictionary<string, (bool Directory, long Size)>(StringComparer.Ordinal);
            var sum = new Dictionary<string, long>(StringComparer.Ordinal);
            var min = new Dictionary<string, long>(StringComparer.Ordinal);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var layerSizes = new List<long>();
            foreach (var layerFile in layerFiles)
            {
                var entries = new Dictionary<string, (TarEntryType Type, long Size)>(StringComparer.Ordinal);
                using (var stream = File.OpenRead(layerFile))
                using (var reader = new TarReader(stream))
                {
                    while (reader.GetNextEntry() is { } entry)
                    {
                        if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                        {
                            continue;
                        }

                        var name = string.Join('/', entry.Name.Split('/').Where(p => p is not ("" or ".")));
                        if (name.Length > 0)
                        {
                            var size = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile ? entry.Length : 0;
                            entries[name] = (entry.EntryType, size);
                        }
                    }
                }

                layerSizes.Add(entries.Values.Sum(e => e.Size));
                var names = entries.Keys.Order(StringComparer.Ordinal).ToList();
                foreach (var name in names)
                {
                    // a leaf unless some name of this layer starts with name + "/" (such names sort right after the lower bound)
                    var below = name + "/";
                    var at = names.BinarySearch(below, StringComparer.Ordinal);
                    if (at < 0)
                    {
                        at = ~at;
                    }

                    if (at < names.Count && names[at].StartsWith(below, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var slash = name.LastIndexOf('/');
                    var baseName = name[(slash + 1)..];
                    long size;
                    string key;
                    if (baseName == ".wh..wh..opq")
                    {
                        key = name;
                        size = SizeUnder(stacked, name[..Math.Max(slash, 0)]);
                    }
                    else if (baseName.StartsWith(".wh.", StringComparison.Ordinal))
                    {
                        key = (slash < 0 ? "" : name[..(slash + 1)]) + baseName[4..];
                        size = stacked.TryGetValue(key, out var old) && !old.Directory ? 0 : SizeUnder(stacked, key);
                    }
                    else
                    {
                        key = name;
                        size = entries[name].Size;
                    }

                    sum[key] = sum.GetValueOrDefault(key) + size;
                    min[key] = seen.ContainsKey(key) ? Math.Min(min[key], size) : size;
                    seen[key] = seen.GetValueOrDefault(key) + 1;
                }

                Apply(stacked, entries);
            }

            var cumulative = sum.Values.Sum();
            var efficiency = cumulative == 0 ? 1.0 : (double)min.Values.Sum() / cumulative;
            var wasted = sum.Where(s => seen[s.Key] >= 2).Sum(s => s.Value);
            var user = layerSizes.Skip(1).Sum();
            return new Result(efficiency, wasted, user == 0 ? 0 : wasted * 100.0 / user, layerSizes.Sum());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static long SizeUnder(SortedDictionary<string, (bool Directory, long Size)> stacked, string directory)
    {
        var prefix = directory.Length == 0 ? "" : directory + "/";
        return stacked.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(s => s.Value.Size);
    }

    private static void Apply(SortedDictionary<string, (bool Directory, long Size)> stacked, Dictionary<string, (TarEntryType Type, long Size)> entries)
    {
        foreach (var name in entries.Keys)
        {
            var slash = name.LastIndexOf('/');
            var baseName = name[(slash + 1)..];
            var parent = slash < 0 ? "" : name[..slash];
            if (baseName == ".wh..wh..opq")
            {
                RemoveUnder(stacked, parent);
            }
            else if (baseName.StartsWith(".wh.", StringComparison.Ordinal))
            {
                var target = (slash < 0 ? "" : parent + "/") + baseName[4..];
                stacked.Remove(target);
                RemoveUnder(stacked, target);
            }
        }

        foreach (var (name, entry) in entries)
        {
            if (name.Split('/')[^1].StartsWith(".wh.", StringComparison.Ordinal))
            {
                continue;
            }

            var isDirectory = entry.Type == TarEntryType.Directory;
            if (!isDirectory && stacked.TryGetValue(name, out var old) && old.Directory)
            {
                RemoveUnder(stacked, name);
            }

            stacked[name] = (isDirectory, entry.Size);
        }
    }

    private static void RemoveUnder(SortedDictionary<string, (bool Directory, long Size)> stacked, string directory)
    {
        var prefix = directory.Length == 0 ? "" : directory + "/";
        foreach (var key in stacked.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            stacked.Remove(key);
        }
    }
}
