namespace Slim.Pipeline.Compose;

/// <summary>One entry of `depends_on`: the service and what it must have done before the dependent starts.</summary>
public sealed record ComposeDependency(string Service, DependencyCondition Condition);
