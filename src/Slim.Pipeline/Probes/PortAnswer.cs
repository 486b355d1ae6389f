namespace Slim.Pipeline.Probes;

/// <summary>How a published port answered the probe.</summary>
public enum PortAnswer
{
    /// <summary>Nothing accepted a connection in time (or the app stopped first).</summary>
    None,

    /// <summary>A server answered HTTP.</summary>
    Http,

    /// <summary>A server accepts connections and speaks something other than HTTP (a database, a queue): recorded as `tcp`.</summary>
    Tcp,
}
