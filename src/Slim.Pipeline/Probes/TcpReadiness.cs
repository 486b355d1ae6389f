using System.Diagnostics;
using System.Net.Sockets;

namespace Slim.Pipeline.Probes;

/// <summary>
/// Whether a published port reaches a server. The engine's port proxy accepts a connection even when nothing listens
/// inside the container, and closes it at once when it finds nobody there; a real server keeps it open (waiting for the
/// client to speak) or greets first. So: connect, then wait <see cref="Hold"/> for the peer's end of stream or reset.
/// </summary>
public static class TcpReadiness
{
    /// <summary>How long an accepted connection must stay open (or bring data) to count as a server's.</summary>
    public static TimeSpan Hold { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>One attempt: true when something behind the port accepted the connection and did not drop it at once.</summary>
    public static async Task<bool> AnswersAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await client.ConnectAsync(host, port, attempt.Token).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var stream = client.GetStream();
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hold.CancelAfter(Hold);
        var buffer = new byte[1];
        try
        {
            // Data: a server that greets (MySQL, SMTP, SSH). Zero: closed by the proxy (or a server refusing us).
            return await stream.ReadAsync(buffer, hold.Token).ConfigureAwait(false) > 0;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true; // still open: someone is listening and waits for us to speak
        }
        catch (IOException)
        {
            return false; // reset
        }
    }

    /// <summary>Waits with back-off until the port answers; false when it does not within <paramref name="timeout"/> or the app stops.</summary>
    public static async Task<bool> WaitAsync(string host, int port, TimeSpan timeout, Func<CancellationToken, Task<bool>>? stillRunning, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(100);
        while (clock.Elapsed < timeout)
        {
            if (stillRunning is not null && !await stillRunning(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (await AnswersAsync(host, port, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
        }

        return false;
    }
}
