using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Slim.Pipeline.Probes;

/// <summary>
/// Exercises a web app the way its users would: waits until a port answers, GETs `/` and the places
/// apps list their routes (robots.txt, sitemap.xml, an OpenAPI document), follows same-origin links,
/// redirects and API operations breadth-first within bounds, asks for a page that does not exist,
/// then runs the user's own requests. Every request and its outcome is returned, in the order made, so the
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

    /// <summary>
    /// Probes one port: <paramref name="root"/> is where it is reached (http://host:published-port/),
    /// <paramref name="containerPort"/> the port inside the container, which results and commands name.
    /// The order is fixed by the app's answers alone (breadth-first, links in document order, a
    /// redirect followed at once), so the slim image's run asks the same things in the same order.
    /// </summary>
    public async Task<IReadOnlyList<HttpProbeResult>> RunAsync(Uri root, int containerPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        var results = new List<HttpProbeResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<CrawlStep>();
        var apiDocumentPaths = options.ApiDocumentPaths.Select(p => new Uri(root, p).AbsolutePath).ToHashSet(StringComparer.Ordinal);
        foreach (var seed in Seeds(root))
        {
            Offer(seed);
        }

        while (queue.Count > 0 && results.Count < options.MaxRequests)
        {
            var step = queue.Dequeue();
            while (step is not null && results.Count < options.MaxRequests)
            {
                var sent = await SendAsync(new HttpMethod(step.Method), step.Uri, null, null, containerPort, options.MaxParsedBytes, cancellationToken).ConfigureAwait(false);
                results.Add(sent.Result);
                var current = step;
                step = null;
                if (sent.Location is { } location)
                {
                    // A redirect is the same step moved: followed at once, at the same depth, recorded on its own.
                    if (LinkResolution.Resolve(location.OriginalString, current.Uri, root) is { } target && !IsSensorPath(target) && seen.Add(new CrawlStep(current.Method, target, current.Depth).Key))
                    {
                        step = new CrawlStep(current.Method, target, current.Depth);
                    }

                    continue;
                }

                if (options.Full)
                {
                    foreach (var next in await AdvertisedAsync(current, sent, containerPort, results, cancellationToken).ConfigureAwait(false))
                    {
                        Offer(next);
                    }
                }

                var explicitDocument = apiDocumentPaths.Contains(current.Uri.AbsolutePath);
                if (sent.Body is not { Head.Length: > 0 } body || !(explicitDocument || (options.Crawl && current.Depth < options.MaxDepth)))
                {
                    continue;
                }

                foreach (var next in await NextAsync(current, sent, body, root, cancellationToken).ConfigureAwait(false))
                {
                    Offer(next);
                }
            }
        }

        var missing = new Uri(root, options.MissingPath);
        if (seen.Add(new CrawlStep("GET", missing, 0).Key))
        {
            results.Add((await SendAsync(HttpMethod.Get, missing, null, null, containerPort, 0, cancellationToken).ConfigureAwait(false)).Result);
        }

        foreach (var command in options.Commands.Where(c => c.Port is null || c.Port == containerPort))
        {
            var target = new Uri(root, command.Path);
            var sent = await SendAsync(new HttpMethod(command.Method), target, command.Body, command.Headers, containerPort, 0, cancellationToken).ConfigureAwait(false);
            results.Add(sent.Result);
        }

        return results;

        void Offer(CrawlStep step)
        {
            if (!IsSensorPath(step.Uri) && seen.Add(step.Key))
            {
                queue.Enqueue(step);
            }
        }
    }

    /// <summary>
    /// `--http-probe-full`: the other methods a route advertises. An answer that lists none in its Allow header is
    /// asked OPTIONS once; each method named (besides GET, HEAD and OPTIONS) becomes a request of its own.
    /// </summary>
    private async Task<IEnumerable<CrawlStep>> AdvertisedAsync(CrawlStep step, ProbeResponse sent, int containerPort, List<HttpProbeResult> results, CancellationToken cancellationToken)
    {
        if (step.Method != "GET" || sent.Result.Status is not (>= 200 and < 400) || results.Count >= options.MaxRequests)
        {
            return [];
        }

        var allow = sent.Allow;
        if (allow.Count == 0)
        {
            var asked = await SendAsync(HttpMethod.Options, step.Uri, null, null, containerPort, 0, cancellationToken).ConfigureAwait(false);
            results.Add(asked.Result);
            allow = asked.Allow;
        }

        return allow.Select(m => m.Trim().ToUpperInvariant())
            .Where(m => m is not ("GET" or "HEAD" or "OPTIONS" or "TRACE" or "CONNECT") && m.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(m => new CrawlStep(m, step.Uri, step.Depth));
    }

    /// <summary>The tracer's own folder, visible to an app that serves the root directory: never the app's, never asked for.</summary>
    private bool IsSensorPath(Uri uri) =>
        options.SensorPaths.Any(p => uri.AbsolutePath == p || uri.AbsolutePath.StartsWith(p + "/", StringComparison.Ordinal));

    /// <summary>Where the crawl starts: `/`, the discovery documents, the API documents named, then the operations of those given as files.</summary>
    private IEnumerable<CrawlStep> Seeds(Uri root)
    {
        yield return new CrawlStep("GET", root, 0);
        var discover = options.Crawl && options.Discover && options.MaxDepth > 0;
        if (discover)
        {
            yield return new CrawlStep("GET", new Uri(root, "/robots.txt"), 0);
            yield return new CrawlStep("GET", new Uri(root, "/sitemap.xml"), 0);
        }

        var named = options.ApiDocumentPaths.Count > 0 || options.ApiDocuments.Count > 0;
        foreach (var path in named ? options.ApiDocumentPaths : discover ? HttpProbeOptions.WellKnownApiDocumentPaths : [])
        {
            yield return new CrawlStep("GET", new Uri(root, path), 0);
        }

        foreach (var document in options.ApiDocuments)
        {
            foreach (var request in ApiDescription.Requests(document, root, root, options.Full))
            {
                yield return new CrawlStep(request.Method, request.Uri, 1);
            }
        }
    }

    /// <summary>The steps one answered request leads to, one hop further, in document order.</summary>
    private async Task<IEnumerable<CrawlStep>> NextAsync(CrawlStep step, ProbeResponse sent, ResponseBody body, Uri root, CancellationToken cancellationToken)
    {
        var kind = ContentSniffer.Classify(sent.MediaType, sent.NoSniff, body.Head, step.Uri.AbsolutePath);
        if (kind == ContentKind.Opaque)
        {
            return [];
        }

        var text = Decode(body.Head, sent.Charset);
        if (kind is ContentKind.Json or ContentKind.PlainText && ApiDescription.LooksLikeOne(text))
        {
            return ApiDescription.Requests(text, step.Uri, root, options.Full).Select(r => new CrawlStep(r.Method, r.Uri, step.Depth + 1));
        }

        if (!options.Crawl || step.Depth >= options.MaxDepth)
        {
            return [];
        }

        IReadOnlyList<Uri> links;
        if (kind == ContentKind.Html)
        {
            // A safety net only: pages that take the parser this long are pathological, and then none of their links count.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(options.RequestTimeout);
            try
            {
                links = await HtmlLinkExtractor.SameOriginLinksAsync(text, step.Uri, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                links = [];
            }
        }
        else
        {
            links = LinkExtractor.SameOriginLinks(kind, text, step.Uri);
        }

        return links.Select(u => new CrawlStep("GET", u, step.Depth + 1));
    }

    /// <summary>Text as the body's byte-order mark or declared charset says, else UTF-8 (a cut-off last character becomes U+FFFD).</summary>
    private static string Decode(byte[] bytes, string? charset)
    {
        Encoding? encoding = null;
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            encoding = Encoding.UTF8;
        }
        else if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble))
        {
            encoding = Encoding.Unicode;
        }
        else if (bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            encoding = Encoding.BigEndianUnicode;
        }
        else if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim().Trim('"'));
            }
            catch (ArgumentException)
            {
            }
        }

        encoding ??= Encoding.UTF8;
        var preamble = encoding.Preamble;
        return encoding.GetString(bytes.AsSpan().StartsWith(preamble) ? bytes.AsSpan(preamble.Length) : bytes);
    }

    private async Task<ProbeResponse> SendAsync(
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
