using System.Text.Json.Serialization;

namespace Slim.Rebuild.Seccomp;

/// <summary>One rule of a Docker seccomp profile: an action for a set of system calls by name.</summary>
public sealed record SeccompRule(
    [property: JsonPropertyName("names")] IReadOnlyList<string> Names,
    [property: JsonPropertyName("action")] string Action);
