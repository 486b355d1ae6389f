namespace Slim.Trace;

/// <summary>The values of <see cref="PathAccess.Kind"/>.</summary>
public static class PathAccessKinds
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Exec = "exec";
    public const string Stat = "stat";
    public const string List = "list";
    public const string Readlink = "readlink";
    public const string Chdir = "chdir";
    public const string Create = "create";
    public const string Delete = "delete";
    public const string Rename = "rename";
    public const string Link = "link";
    public const string Metadata = "metadata";
    public const string Xattr = "xattr";
    public const string Watch = "watch";
    public const string Socket = "socket";

    /// <summary>Seen through fanotify: the file was opened or read (maybe mmap'd or exec'd by the loader).</summary>
    public const string Open = "open";
}
