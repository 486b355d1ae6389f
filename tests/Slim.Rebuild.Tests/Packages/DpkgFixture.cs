namespace Slim.Rebuild.Tests.Packages;

/// <summary>
/// A hand-made dpkg database: libc6 is Multi-Arch (its info files are named libc6:amd64), base-files has Conffiles and
/// ships the release files, tzdata will lose all of its files, and oldpkg is only config-files (not installed).
/// The image has /lib as a symlink to usr/lib, as a merged-/usr Debian does.
/// </summary>
internal static class DpkgFixture
{
    public const string Libc6 = """
        Package: libc6
        Status: install ok installed
        Priority: optional
        Section: libs
        Installed-Size: 12990
        Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
        Architecture: amd64
        Multi-Arch: same
        Source: glibc
        Version: 2.36-9+deb12u4
        Description: GNU C Library: Shared libraries
         Contains the standard libraries that are used by nearly all programs on
         the system.

        """;

    public const string BaseFiles = """
        Package: base-files
        Essential: yes
        Status: install ok installed
        Architecture: amd64
        Version: 12.4+deb12u5
        Conffiles:
         /etc/debian_version 4e1a0ba9b7e2f0bbd1e9c1a4f2b9b0a7
         /etc/host.conf 4eb63731c9f5e30903ac4fc07a7fe3d6
        Description: Debian base system miscellaneous files

        """;

    public const string Tzdata = """
        Package: tzdata
        Status: install ok installed
        Architecture: all
        Version: 2024a-0+deb12u1
        Description: time zone and daylight-saving time data

        """;

    public const string OldPackage = """
        Package: oldpkg
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1:1.0-1
        Conffiles:
         /etc/oldpkg.conf 0123456789abcdef0123456789abcdef

        """;

    public static string Status => Libc6 + "\n" + BaseFiles + "\n" + Tzdata + "\n" + OldPackage + "\n";

    public static IReadOnlyDictionary<string, string> Info => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["libc6:amd64.list"] = "/.\n/lib\n/lib/x86_64-linux-gnu\n/lib/x86_64-linux-gnu/libc.so.6\n/lib/x86_64-linux-gnu/libm.so.6\n/lib64\n/lib64/ld-linux-x86-64.so.2\n/usr\n/usr/share\n/usr/share/doc\n/usr/share/doc/libc6\n/usr/share/doc/libc6/copyright\n",
        ["libc6:amd64.md5sums"] = "11111111111111111111111111111111  lib/x86_64-linux-gnu/libc.so.6\n22222222222222222222222222222222  lib/x86_64-linux-gnu/libm.so.6\n33333333333333333333333333333333  usr/share/doc/libc6/copyright\n",
        ["libc6:amd64.shlibs"] = "libc 6 libc6 (>= 2.36)\n",
        ["base-files.list"] = "/.\n/etc\n/etc/debian_version\n/etc/host.conf\n/etc/os-release\n/home\n/usr\n/usr/lib\n/usr/lib/os-release\n",
        ["base-files.md5sums"] = "44444444444444444444444444444444  usr/lib/os-release\n",
        ["base-files.conffiles"] = "/etc/debian_version\n/etc/host.conf\n",
        ["tzdata.list"] = "/.\n/usr\n/usr/share\n/usr/share/zoneinfo\n/usr/share/zoneinfo/UTC\n",
        ["tzdata.md5sums"] = "55555555555555555555555555555555  usr/share/zoneinfo/UTC\n",
        ["oldpkg.list"] = "/etc/oldpkg.conf\n",
    };

    /// <summary>What the slim image keeps, by its real (symlink-free) path.</summary>
    public static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "/usr/lib/x86_64-linux-gnu/libc.so.6",
        "/usr/lib64/ld-linux-x86-64.so.2",
        "/etc/debian_version",
        "/usr/lib/os-release",
        "/etc/os-release",
        "/etc/oldpkg.conf",
    };

    /// <summary>The image's /lib and /lib64 links followed, as the real reader does through the image tree.</summary>
    public static string? KeptFile(string listed)
    {
        var real = listed.StartsWith("/lib/", StringComparison.Ordinal) || listed.StartsWith("/lib64/", StringComparison.Ordinal) ? "/usr" + listed : listed;
        return Kept.Contains(real) ? real : null;
    }

    public static bool IsDirectory(string listed) => listed is "/." or "/lib" or "/lib64" or "/usr" or "/usr/share" or "/usr/share/doc" or "/usr/share/doc/libc6"
        or "/lib/x86_64-linux-gnu" or "/etc" or "/home" or "/usr/lib" or "/usr/share/zoneinfo";
}
