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
    private readonly HttpReadiness _readiness = new(http, options);
    private readonly ProbeRequestSender _sender = new(http, options);
    private readonly HttpProbeOptions _options = options;

    /// <summary>Waits with back-off until the port answers any HTTP response; false when it never does or the app stops running.</summary>
    public Task<bool> WaitUntilReadyAsync(Uri root, Func<CancellationToken, Task<bool>>? stillRunning, CancellationToken cancellationToken) =>
        _readiness.WaitUntilReadyAsync(root, stillRunning, cancellationToken);

    /// <summary>Whether the port speaks HTTP, another protocol, or nothing: see <see cref="HttpReadiness.WaitForAnswerAsync"/>.</summary>
    public Task<PortAnswer> WaitForAnswerAsync(Uri root, Func<CancellationToken, Task<bool>>? stillRunning, CancellationToken cancellationToken) =>
        _readiness.WaitForAnswerAsync(root, stillRunning, cancellationToken);

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
        var apiDocumentPaths = _options.ApiDocumentPaths.Select(p => new Uri(root, p).AbsolutePath).ToHashSet(StringComparer.Ordinal);
        foreach (var seed in Seeds(root))
        {
            Offer(seed);
        }

        while (queue.Count > 0 && results.Count < _options.MaxRequests)
        {
            var step = queue.Dequeue();
            while (step is not null && results.Count < _options.MaxRequests)
            {
                var sent = await _sender.SendAsync(new HttpMethod(step.Method), step.Uri, null, null, containerPort, _options.MaxParsedBytes, cancellationToken).ConfigureAwait(false);
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

                if (_options.Full)
                {
                    foreach (var next in await AdvertisedAsync(current, sent, containerPort, results, cancellationToken).ConfigureAwait(false))
                    {
                        Offer(next);
                    }
                }

                var explicitDocument = apiDocumentPaths.Contains(current.Uri.AbsolutePath);
                if (sent.Body is not { Head.Length: > 0 } body || !(explicitDocument || (_options.Crawl && current.Depth < _options.MaxDepth)))
                {
                    continue;
                }

                foreach (var next in await NextAsync(current, sent, body, root, cancellationToken).ConfigureAwait(false))
                {
                    Offer(next);
                }
            }
        }

        var missing = new Uri(root, _options.MissingPath);
        if (seen.Add(new CrawlStep("GET", missing, 0).Key))
        {
            results.Add((await _sender.SendAsync(HttpMethod.Get, missing, null, null, containerPort, 0, cancellationToken).ConfigureAwait(false)).Result);
        }

        foreach (var command in _options.Commands.Where(c => c.Port is null || c.Port == containerPort))
        {
            var target = new Uri(root, command.Path);
            var sent = await _sender.SendAsync(new HttpMethod(command.Method), target, command.Body, command.Headers, containerPort, 0, cancellationToken).ConfigureAwait(false);
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
        if (step.Method != "GET" || sent.Result.Status is not (>= 200 and < 400) || results.Count >= _options.MaxRequests)
        {
            return [];
        }

        var allow = sent.Allow;
        if (allow.Count == 0)
        {
            var asked = await _sender.SendAsync(HttpMethod.Options, step.Uri, null, null, containerPort, 0, cancellationToken).ConfigureAwait(false);
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
        _options.SensorPaths.Any(p => uri.AbsolutePath == p || uri.AbsolutePath.StartsWith(p + "/", StringComparison.Ordinal));

    /// <summary>Where the crawl starts: `/`, the discovery documents, the API documents named, then the operations of those given as files.</summary>
    private IEnumerable<CrawlStep> Seeds(Uri root)
    {
        yield return new CrawlStep("GET", root, 0);
        var discover = _options.Crawl && _options.Discover && _options.MaxDepth > 0;
        if (discover)
        {
            yield return new CrawlStep("GET", new Uri(root, "/robots.txt"), 0);
            yield return new CrawlStep("GET", new Uri(root, "/sitemap.xml"), 0);
        }

        var named = _options.ApiDocumentPaths.Count > 0 || _options.ApiDocuments.Count > 0;
        foreach (var path in named ? _options.ApiDocumentPaths : discover ? HttpProbeOptions.WellKnownApiDocumentPaths : [])
        {
            yield return new CrawlStep("GET", new Uri(root, path), 0);
        }

        foreach (var document in _options.ApiDocuments)
        {
            foreach (var request in ApiDescription.Requests(document, root, root, _options.Full))
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

        var text = BodyText.Decode(body.Head, sent.Charset);
        if (kind is ContentKind.Json or ContentKind.PlainText && ApiDescription.LooksLikeOne(text))
        {
            return ApiDescription.Requests(text, step.Uri, root, _options.Full).Select(r => new CrawlStep(r.Method, r.Uri, step.Depth + 1));
        }

        if (!_options.Crawl || step.Depth >= _options.MaxDepth)
        {
            return [];
        }

        IReadOnlyList<Uri> links;
        if (kind == ContentKind.Html)
        {
            // A safety net only: pages that take the parser this long are pathological, and then none of their links count.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(_options.RequestTimeout);
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
}
