namespace Slim.Images.Tests.Streams;

/// <summary>The same contract with leaveOpen: the inner stream outlives the wrapper.</summary>
public sealed class LeaveOpenPrefixedStreamConformance : PrefixedStreamConformance
{
    protected override bool LeaveOpen => true;
}
