using System.Diagnostics;

namespace Slim.Pipeline.Probes;

/// <summary>
/// Waits for a published port before the crawl: until any HTTP response comes back, or until it is clear that a
/// server accepts there but speaks another protocol (<see cref="PortAnswer"/>).
/// </summary>
internal sealed class HttpReadiness(HttpClient http, HttpProbeOptions options)
{
    /// <summary>Waits with back-off until the port answers any HTTP response; false when it never does or the app stops running.</summary>
    public async Task<bool> WaitUntilReadyAsync(Uri root, Func<CancellationToken, Task<bool>>? stillRunning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(100);
        while (clock.Elapsed < options.ReadyTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (stillRunning is not null && !await stillRunning(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                using var response = await http.GetAsync(root, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                return true;
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 2000));
        }

        return false;
    }

    /// <summary>
    /// Waits until the port answers: <see cref="PortAnswer.Http"/> once any HTTP response comes back;
    /// <see cref="PortAnswer.Tcp"/> when a server accepts connections but answers HTTP with something else (a database,
    /// a queue) <see cref="HttpProbeOptions.RetryCount"/> times over, or stays silent until the ready timeout;
    /// <see cref="PortAnswer.None"/> when nothing ever accepted, or the app stopped.
    /// </summary>
    public async Task<PortAnswer> WaitForAnswerAsync(Uri root, Func<CancellationToken, Task<bool>>? stillRunning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(100);
        var accepted = false;
        var notHttp = 0;
        while (clock.Elapsed < options.ReadyTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (stillRunning is not null && !await stillRunning(cancellationToken).ConfigureAwait(false))
            {
                return accepted ? PortAnswer.Tcp : PortAnswer.None;
            }

            // The proxy accepts for a port nobody listens on yet: only a connection the server keeps says it is up.
            if (await TcpReadiness.AnswersAsync(root.Host, root.Port, cancellationToken).ConfigureAwait(false))
            {
                accepted = true;
                try
                {
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    attempt.CancelAfter(TimeSpan.FromSeconds(5));
                    using var response = await http.GetAsync(root, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                    return PortAnswer.Http;
                }
                catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded)
                {
                    // Bytes that are not HTTP, or a server that hung up on the request: another protocol speaks there.
                    if (++notHttp > options.RetryCount)
                    {
                        return PortAnswer.Tcp;
                    }

                    await Task.Delay(options.RetryWait, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (HttpRequestException)
                {
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // No answer in time: a slow app or a silent protocol; the ready timeout decides.
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 2000));
        }

        return accepted ? PortAnswer.Tcp : PortAnswer.None;
    }
}
