namespace Slim.Pipeline.Report;

/// <summary>The Compose file a build took its target from, the service profiled, and the services started beside it, in start order.</summary>
public sealed record ComposeSummary(string File, string Service, IReadOnlyList<ComposeServiceSummary> Dependencies)
{
    public static ComposeSummary? Of(Compose.ComposeTarget? target) => target is null
        ? null
        : new ComposeSummary(
            target.File.Path,
            target.Service.Name,
            target.Dependencies.Select(d => new ComposeServiceSummary(d.Name, d.Image ?? "")).ToList());
}

/// <summary>A dependency as it ran: its service name and its image.</summary>
public sealed record ComposeServiceSummary(string Name, string Image);
