namespace Slim.Images.Tests.Streams;

/// <summary>The destination of the write conformance tests: keeps what it was given, counts flushes, remembers disposal.</summary>
public sealed class RecordingWriteStream : MemoryStream
{
    public bool Disposed { get; private set; }

    public int Flushes { get; private set; }

    /// <summary>What was written; readable after disposal too.</summary>
    public byte[] Written => ToArray();

    public override void Flush()
    {
        Flushes++;
        base.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        return base.FlushAsync(cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
