namespace Slim.Pipeline.Stages;

/// <summary>One step of `slim build` (DESIGN.md, the pipeline): reads what earlier steps left in the context, adds its own.</summary>
internal interface IBuildStage
{
    Task RunAsync(BuildContext context, CancellationToken cancellationToken);
}
