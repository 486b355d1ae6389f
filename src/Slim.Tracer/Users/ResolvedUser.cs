namespace Slim.Tracer.Users;

/// <summary>The numeric identity a <c>--user</c> value stands for in the image.</summary>
/// <param name="Groups">The supplementary groups (the primary group included), as setgroups(2) takes them.</param>
internal sealed record ResolvedUser(string Requested, int Uid, int Gid, IReadOnlyList<int> Groups, string? Home = null);
