using Slim.Trace;

namespace Slim.Tracer.Tracing;

/// <summary>Where a system call's path argument is, and against what it is resolved.</summary>
/// <param name="DirFdArgument">The argument holding the directory fd, or -1 when the path is relative to the cwd.</param>
/// <param name="PathIndex">The argument holding the char* path.</param>
/// <param name="Kind">How the call touches the path .</param>
internal sealed record PathArgument(int DirFdArgument, int PathIndex, PathAccessKind Kind);

/// <summary>How to read the paths of one path-taking system call.</summary>
/// <param name="OpenFlags">How to find open flags (which decide read, write or list): the argument index, or -1.</param>
/// <param name="FlagsInStruct">openat2: the flags are the first field of the struct the argument points to.</param>
/// <param name="UnixSocket">bind/connect: the path is in a sockaddr_un, only when the family is AF_UNIX.</param>
internal sealed record PathCall(
    string Name,
    IReadOnlyList<PathArgument> Paths,
    int OpenFlags = -1,
    bool FlagsInStruct = false,
    bool UnixSocket = false);
