using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Slim.Cli.Probes;

/// <summary>
/// Exercises a web app the way its users would: waits until a port answers, GETs `/`, follows
/// same-origin links breadth-first within bounds, asks for a page that does not exist, then runs
/// the user's own requests. Every request and its outcome is returned, in the order made, so the
/// same probe run against the slim image can be compared with the original.
/// </summary>
public sealed class HttpProbe(HttpClient http, HttpProbeOptions options)
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
    /// Probes one port: <paramref name="root"/> is where it is reached (http://host:published-port/),
    /// <paramref name="containerPort"/> the port inside the container, which results and commands name.
    /// </summary>
    public async Task<IReadOnlyList<HttpProbeResult>> RunAsync(Uri root, int containerPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        var results = new List<HttpProbeResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(Uri Uri, int Depth)>();
        queue.Enqueue((root, 0));
        seen.Add(root.PathAndQuery);

        while (queue.Count > 0 && results.Count < options.MaxRequests)
        {
            var (uri, depth) = queue.Dequeue();
            var (result, body, mediaType) = await SendAsync(HttpMethod.Get, uri, null, null, containerPort, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (!options.Crawl || depth >= options.MaxDepth || body is null || !IsCrawlable(mediaType))
            {
                continue;
            }

            foreach (var link in LinkExtractor.SameOriginLinks(body, uri))
            {
                if (seen.Add(link.PathAndQuery))
                {
                    queue.Enqueue((link, depth + 1));
                }
            }
        }

        var missing = new Uri(root, options.MissingPath);
        if (seen.Add(missing.PathAndQuery))
        {
            results.Add((await SendAsync(HttpMethod.Get, missing, null, null, containerPort, cancellationToken).ConfigureAwait(false)).Result);
        }

        foreach (var command in options.Commands.Where(c => c.Port is null || c.Port == containerPort))
        {
            var target = new Uri(root, command.Path);
            var sent = await SendAsync(new HttpMethod(command.Method), target, command.Body, command.Headers, containerPort, cancellationToken).ConfigureAwait(false);
            results.Add(sent.Result);
        }

        return results;
    }

    private static bool IsCrawlable(string? mediaType) =>
        mediaType is "text/html" or "text/css" or "application/xhtml+xml";

    private async Task<(HttpProbeResult Result, string? Body, string? MediaType)> SendAsync(
        HttpMethod method,
        Uri uri,
        string? body,
        IReadOnlyDictionary<string, string>? headers,
        int port,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(method, uri);
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
            using var response = await http.SendAsync(request, limit.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(limit.Token).ConfigureAwait(false);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var text = IsCrawlable(mediaType) ? Encoding.UTF8.GetString(bytes) : null;
            return (new HttpProbeResult(
                method.Method, uri.PathAndQuery, port, (int)response.StatusCode, bytes.LongLength,
                Convert.ToHexStringLower(SHA256.HashData(bytes)), null, clock.Elapsed.TotalMilliseconds)
            {
                BodyHead = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, HttpProbeResult.HeadBytes)),
            }, text, mediaType);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (new HttpProbeResult(method.Method, uri.PathAndQuery, port, null, 0, null, e.Message, clock.Elapsed.TotalMilliseconds), null, null);
        }
    }
}
