namespace Slim.Testing;

/// <summary>Bytes behind a read-only, unseekable stream, as the engine's export response gives them.</summary>
public sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes, writable: false)
{
    public override bool CanSeek => false;
}
