using Xunit.Abstractions;
using Xunit.Sdk;

namespace Slim.Testing;

/// <summary>Turns <see cref="IntegrationAttribute"/> into the Category=Integration trait the test filters read.</summary>
public sealed class IntegrationTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        [new(IntegrationAttribute.Category, IntegrationAttribute.Value)];
}
