namespace Slim.Rebuild.Packages;

/// <summary>
/// Reads apk's installed database: records separated by blank lines, one "K:value" field per line; "F:" names a
/// directory (no leading slash), the "R:" lines after it the files in it, each followed by its own "a:", "M:" or "Z:" lines.
/// </summary>
public static class ApkInstalledReader
{
    public static IReadOnlyList<ApkRecord> Read(string installed)
    {
        ArgumentNullException.ThrowIfNull(installed);
        var records = new List<ApkRecord>();
        var lines = new List<string>();
        var files = new List<string>();
        string? name = null, version = null, architecture = null, directory = null;
        foreach (var line in installed.Split('\n').Append(""))
        {
            if (line.Length == 0)
            {
                if (name is not null)
                {
                    records.Add(new ApkRecord(name, version ?? "", architecture ?? "", [.. files], [.. lines]));
                }

                lines.Clear();
                files.Clear();
                name = version = architecture = directory = null;
                continue;
            }

            lines.Add(line);
            if (line.Length < 2 || line[1] != ':')
            {
                continue;
            }

            var value = line[2..];
            switch (line[0])
            {
                case 'P': name = value; break;
                case 'V': version = value; break;
                case 'A': architecture = value; break;
                case 'F': directory = value; break;
                case 'R': files.Add(ApkPath(directory, value)); break;
            }
        }

        return records;
    }

    internal static string ApkPath(string? directory, string file) =>
        string.IsNullOrEmpty(directory) ? "/" + file : "/" + directory.Trim('/') + "/" + file;
}
