namespace Slim.Images.Tests.Streams;

public sealed class LeaveOpenWriteThroughStreamConformance : WriteThroughStreamConformance
{
    protected override bool LeaveOpen => true;
}
