using System.Security.Authentication;
using System.Text.Json;
using Slim.Images.Model;

namespace Slim.Images.Transports.Registry;

/// <summary>Reading a registry's answers: bounded bodies, its JSON error text, a manifest's media type, TLS failures.</summary>
internal static class RegistryResponses
{
    internal static bool IsTlsFailure(HttpRequestException e) =>
        Inner<AuthenticationException>(e) is not null || e.HttpRequestError == HttpRequestError.SecureConnectionError;

    internal static T? Inner<T>(Exception e)
        where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is T match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The registry's own error text (<c>{"errors":[{"code","message"}]}</c>) as ": CODE message", or "".</summary>
    internal static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length == 0 || bytes.Length > 1 << 16)
            {
                return "";
            }

            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = errors.EnumerateArray()
                    .Select(e => $"{(e.TryGetProperty("code", out var c) ? c.ToString() : "")} {(e.TryGetProperty("message", out var m) ? m.ToString() : "")}".Trim())
                    .Where(p => p.Length > 0);
                var joined = string.Join("; ", parts);
                return joined.Length == 0 ? "" : " (" + joined + ")";
            }
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            // an error body that is not the registry's JSON adds nothing
        }

        return "";
    }

    internal static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, long limit, string subject, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > limit)
            {
                throw new ImageException(ImageErrorReason.TooLarge, subject, $"{subject} is over {limit} bytes; refused");
            }
        }

        return buffer.ToArray();
    }

    internal static MediaType SniffType(byte[] bytes, string subject)
    {
        var probe = ImageJson.Parse(bytes, ImageJsonContext.Default.MediaTypeProbe, subject);
        return probe.MediaType ?? (probe.Manifests is not null ? MediaType.OciIndex : MediaType.OciManifest);
    }
}
