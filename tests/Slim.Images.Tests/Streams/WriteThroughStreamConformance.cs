using Slim.Images.Streams;

namespace Slim.Images.Tests.Streams;

public class WriteThroughStreamConformance : WriteStreamConformance
{
    protected virtual bool LeaveOpen => false;

    protected override bool DisposesDestination => !LeaveOpen;

    protected override Stream Open(Stream destination) => new WriteThroughStream(destination, LeaveOpen);
}
