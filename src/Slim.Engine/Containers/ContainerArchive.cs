using System.Formats.Tar;

namespace Slim.Engine.Containers;

/// <summary>Decodes the tar stream the engine gives for a path copied out of a container.</summary>
public static class ContainerArchive
{
    /// <summary>
    /// The regular files in <paramref name="tar"/>: name relative to the copied directory (the engine puts its own name
    /// first), bytes. Links, directories, devices and empty files (no data in the tar) are skipped.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> ReadFilesAsync(Stream tar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tar);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            var name = entry.Name;
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            var relative = slash < 0 ? name : name[(slash + 1)..];
            using var buffer = new MemoryStream();
            await entry.DataStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            files[relative] = buffer.ToArray();
        }

        return files;
    }
}
