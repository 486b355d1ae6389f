namespace Slim.Tracer.Users;

/// <summary>
/// /etc/passwd and /etc/group of the image, parsed the way Docker reads them for USER: a name or a number, with an
/// optional <c>:group</c>; numbers need no entry, names do.
/// </summary>
internal sealed class UserDatabase
{
    private readonly List<PasswdEntry> _users;
    private readonly List<GroupEntry> _groups;

    public UserDatabase(string passwdText, string groupText)
    {
        _users = [.. ParseLines(passwdText, 7).Select(f => new PasswdEntry(f[0], ParseId(f[2]), ParseId(f[3]), f[5]))
            .Where(u => u.Uid >= 0 && u.Gid >= 0)];
        _groups = [.. ParseLines(groupText, 4).Select(f => new GroupEntry(f[0], ParseId(f[2]),
            f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Where(g => g.Gid >= 0)];
    }

    /// <summary>Reads the files under <paramref name="root"/>; a missing file counts as empty.</summary>
    public static UserDatabase Load(string root) =>
        new(ReadOrEmpty(Path.Combine(root, "etc/passwd")), ReadOrEmpty(Path.Combine(root, "etc/group")));

    public ResolvedUser Resolve(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new UserLookupException("empty --user");
        }

        var colon = spec.IndexOf(':');
        var userPart = colon < 0 ? spec : spec[..colon];
        var groupPart = colon < 0 ? null : spec[(colon + 1)..];

        var entry = int.TryParse(userPart, out var numericUid)
            ? _users.FirstOrDefault(u => u.Uid == numericUid)
            : _users.FirstOrDefault(u => u.Name == userPart)
              ?? throw new UserLookupException($"user {userPart} is not in the image's /etc/passwd");
        var uid = entry?.Uid ?? numericUid;

        int gid;
        if (groupPart is null)
        {
            gid = entry?.Gid ?? 0; // like runc: a numeric uid with no passwd entry gets gid 0
        }
        else if (int.TryParse(groupPart, out var numericGid))
        {
            gid = numericGid;
        }
        else
        {
            gid = _groups.FirstOrDefault(g => g.Name == groupPart)?.Gid
                ?? throw new UserLookupException($"group {groupPart} is not in the image's /etc/group");
        }

        var groups = new SortedSet<int> { gid };
        if (entry is not null)
        {
            foreach (var group in _groups.Where(g => g.Members.Contains(entry.Name)))
            {
                groups.Add(group.Gid);
            }
        }

        return new ResolvedUser(spec, uid, gid, [.. groups], entry?.Home is { Length: > 0 } home ? home : null);
    }

    private static IEnumerable<string[]> ParseLines(string text, int fields) =>
        text.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(':'))
            .Where(f => f.Length >= fields);

    private static int ParseId(string text) => int.TryParse(text, out var id) && id >= 0 ? id : -1;

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private sealed record PasswdEntry(string Name, int Uid, int Gid, string Home);

    private sealed record GroupEntry(string Name, int Gid, string[] Members);
}
