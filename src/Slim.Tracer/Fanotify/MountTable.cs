namespace Slim.Tracer.Fanotify;

/// <summary>
/// The mounts fanotify should watch: every mount of the container's file tree (the root overlay, bind-mounted
/// /etc/hosts and volumes), not the kernel's pseudo filesystems nor the tracer's own bundle.
/// </summary>
internal static class MountTable
{
    private static readonly HashSet<string> PseudoTypes = new(StringComparer.Ordinal)
    {
        "proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue", "securityfs", "debugfs", "tracefs",
        "fusectl", "bpf", "pstore", "configfs", "binfmt_misc", "autofs", "hugetlbfs", "nsfs",
    };

    private static readonly string[] PseudoRoots = ["/proc", "/sys", "/dev"];

    /// <summary>Mount points from /proc/self/mountinfo text, in order, without duplicates.</summary>
    public static IReadOnlyList<string> WatchedMountPoints(string mountinfo, string excludedDirectory)
    {
        var points = new List<string>();
        foreach (var line in mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || dash < 0 || dash + 1 >= fields.Length)
            {
                continue;
            }

            var point = Unescape(fields[4]);
            var type = fields[dash + 1];
            if (PseudoTypes.Contains(type)
                || PseudoRoots.Any(r => Tracing.PathResolver.IsUnder(point, r))
                || (excludedDirectory.Length > 1 && Tracing.PathResolver.IsUnder(point, excludedDirectory))
                || points.Contains(point))
            {
                continue;
            }

            points.Add(point);
        }

        return points;
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as \ooo.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }

        var b = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                b.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                b.Append(field[i]);
            }
        }

        return b.ToString();
    }
}
