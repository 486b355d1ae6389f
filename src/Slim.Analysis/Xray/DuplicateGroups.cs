using Slim.Images.Archives;

namespace Slim.Analysis.Xray;

/// <summary>File versions with the same content, grouped: every copy after the first is wasted.</summary>
internal static class DuplicateGroups
{
    /// <summary>The groups of two or more equal versions, most wasted bytes first.</summary>
    public static List<XrayDuplicateGroup> Of(IEnumerable<FileVersion> versions) =>
        versions.GroupBy(v => v.Digest)
            .Where(g => g.Skip(1).Any())
            .Select(g =>
            {
                var copies = g.OrderBy(v => v.Layer).ThenBy(v => v.Key, StringComparer.Ordinal).ToList();
                var size = copies[0].Size;
                return new XrayDuplicateGroup(
                    g.Key.ToString(), size, copies.Select(c => new XrayFileCopy(c.Layer, ImagePath.FromKey(c.Key).Absolute)).ToList(), size * (copies.Count - 1));
            })
            .OrderByDescending(g => g.WastedBytes).ThenBy(g => g.Digest, StringComparer.Ordinal)
            .ToList();
}
