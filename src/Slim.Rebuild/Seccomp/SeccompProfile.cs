using System.Text.Json.Serialization;

namespace Slim.Rebuild.Seccomp;

/// <summary>
/// A Docker seccomp profile (the JSON that `docker run --security-opt seccomp=FILE` takes):
/// a default action for every call not listed, the architectures the filter covers, and rules.
/// </summary>
public sealed record SeccompProfile(
    [property: JsonPropertyName("defaultAction")] string DefaultAction,
    [property: JsonPropertyName("architectures")] IReadOnlyList<string> Architectures,
    [property: JsonPropertyName("syscalls")] IReadOnlyList<SeccompRule> Syscalls)
{
    /// <summary>Refuse with EPERM: programs handle a failed call far better than a kill.</summary>
    public const string ErrnoAction = "SCMP_ACT_ERRNO";

    public const string AllowAction = "SCMP_ACT_ALLOW";

    /// <summary>x86_64, plus the 32-bit ABIs the kernel also accepts on it, as Docker's own default profile lists them.</summary>
    public static readonly IReadOnlyList<string> X8664Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];
}
