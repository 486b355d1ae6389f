using Xunit.Sdk;

namespace Slim.Testing;

/// <summary>
/// Marks a test class that needs the real engine (or root, ptrace, bin/slim, the docker CLI):
/// it gets the trait Category=Integration, which `make unit` filters out.
/// </summary>
[TraitDiscoverer("Slim.Testing.IntegrationTraitDiscoverer", "Slim.Testing")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class IntegrationAttribute : Attribute, ITraitAttribute
{
    public const string Category = "Category";

    public const string Value = "Integration";
}
