namespace Slim.Trace;

/// <summary>The identity the traced command ran as.</summary>
/// <param name="Requested">The <c>--user</c> value as given (a name or uid[:gid]), null when none was asked for.</param>
public sealed record TracedUser(string? Requested, int Uid, int Gid, IReadOnlyList<int> Groups);
