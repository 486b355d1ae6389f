using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Slim.Pipeline.Probes;

/// <summary>
/// Sends one probe request and reads its answer into a <see cref="ProbeResponse"/>: status, body size and hash, the
/// first bytes for the crawl, redirect target and Allow header; a request that got no answer becomes a result with its
/// error, not an exception.
/// </summary>
internal sealed class ProbeRequestSender(HttpClient http, HttpProbeOptions options)
{
    public async Task<ProbeResponse> SendAsync(
        HttpMethod method,
        Uri uri,
        string? body,
        IReadOnlyDictionary<string, string>? headers,
        int port,
        int keep,
        CancellationToken cancellationToken)
    {
        // The engine's userland port proxy now and then closes a connection whose request never reached the app (seen
        // with PUTs: 6 of 40 through the proxy, 0 of 40 to the container's own address): no byte of an answer came
        // back, so the app saw nothing and asking once more is safe, whatever the method.
        var first = await SendOnceAsync(method, uri, body, headers, port, keep, cancellationToken).ConfigureAwait(false);
        return first.NothingCameBack
            ? await SendOnceAsync(method, uri, body, headers, port, keep, cancellationToken).ConfigureAwait(false)
            : first;
    }

    private async Task<ProbeResponse> SendOnceAsync(
        HttpMethod method,
        Uri uri,
        string? body,
        IReadOnlyDictionary<string, string>? headers,
        int port,
        int keep,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // A fresh connection per request: nothing depends on which pooled connection the app or the proxy closed first.
        using var request = new HttpRequestMessage(method, uri) { Headers = { ConnectionClose = true } };
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(options.RequestTimeout);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var read = await ResponseBody.ReadAsync(stream, Math.Max(keep, HttpProbeResult.HeadBytes), limit.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var noSniff = response.Headers.TryGetValues("X-Content-Type-Options", out var values)
                    && values.Any(v => v.Trim().Equals("nosniff", StringComparison.OrdinalIgnoreCase));
                return new ProbeResponse(
                    new HttpProbeResult(method.Method, uri.PathAndQuery, port, status, read.Length, read.Sha256, null, clock.Elapsed.TotalMilliseconds)
                    {
                        // Enough to name the first line that differs when verification compares this answer.
                        BodyHead = Encoding.UTF8.GetString(read.Head, 0, Math.Min(read.Head.Length, HttpProbeResult.HeadBytes)),
                    },
                    read,
                    response.Content.Headers.ContentType?.MediaType,
                    response.Content.Headers.ContentType?.CharSet,
                    noSniff,
                    status is >= 300 and < 400 ? response.Headers.Location : null)
                {
                    Allow = [.. response.Content.Headers.Allow],
                };
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var cause = e;
            while (cause.InnerException is { } inner)
            {
                cause = inner;
            }

            var message = cause == e ? e.Message : $"{e.Message} ({cause.Message})";
            return new ProbeResponse(new HttpProbeResult(method.Method, uri.PathAndQuery, port, null, 0, null, message, clock.Elapsed.TotalMilliseconds))
            {
                NothingCameBack = e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded },
            };
        }
    }
}
