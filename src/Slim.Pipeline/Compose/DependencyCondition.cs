namespace Slim.Pipeline.Compose;

/// <summary>`depends_on`'s conditions.</summary>
public enum DependencyCondition
{
    /// <summary>service_started (the list form's meaning).</summary>
    Started,

    /// <summary>service_healthy: its healthcheck passed.</summary>
    Healthy,

    /// <summary>service_completed_successfully: it ran to its end with exit code 0.</summary>
    CompletedSuccessfully,
}
