namespace Slim.Testing;

/// <summary>One request to the <see cref="TokenServer"/>: who asked (null: anonymous), the scopes asked, what was granted, the status answered.</summary>
public sealed record TokenRequest(string? Account, IReadOnlyList<string> Scopes, IReadOnlyList<GrantedAccess> Granted, int Status);
