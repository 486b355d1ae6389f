namespace Slim.Images.Tests.Streams;

public sealed class LeaveOpenHashingWriteStreamConformance : HashingWriteStreamConformance
{
    protected override bool LeaveOpen => true;
}
