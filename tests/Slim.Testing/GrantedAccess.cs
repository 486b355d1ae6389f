namespace Slim.Testing;

/// <summary>One entry of a token's <c>access</c> claim: the resource type and name and the actions allowed on it.</summary>
public sealed record GrantedAccess(string Type, string Name, IReadOnlyList<string> Actions)
{
    /// <summary>As a scope is spelled: <c>repository:NAME:pull,push</c>.</summary>
    public override string ToString() => $"{Type}:{Name}:{string.Join(',', Actions)}";
}
