using System.Text;

namespace Slim.Rebuild.Packages;

/// <summary>
/// Reads dpkg's <c>/var/lib/dpkg/status</c> (deb822 paragraphs separated by blank lines; continuation lines start with
/// a space or tab, as under Conffiles and Description).
/// </summary>
public static class DpkgStatusReader
{
    public static IReadOnlyList<DpkgStanza> Read(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var stanzas = new List<DpkgStanza>();
        var text = new StringBuilder();
        string? package = null, version = null, architecture = null, state = null;

        // A final empty element stands for the end of the file, which closes the last paragraph like a blank line.
        foreach (var line in status.Split('\n').Append(""))
        {
            if (line.Length == 0)
            {
                if (package is not null)
                {
                    stanzas.Add(new DpkgStanza(package, version ?? "", architecture ?? "", state ?? "", text.ToString()));
                }

                text.Clear();
                package = version = architecture = state = null;
                continue;
            }

            text.Append(line).Append('\n');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line[0] is ' ' or '\t' || colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "Package": package = value; break;
                case "Version": version = value; break;
                case "Architecture": architecture = value; break;
                case "Status": state = value; break;
            }
        }

        return stanzas;
    }
}
