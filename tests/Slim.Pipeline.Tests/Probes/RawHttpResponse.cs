using System.Text;

namespace Slim.Pipeline.Tests.Probes;

/// <summary>What <see cref="RawHttpServer"/> writes back: exactly these headers, plus Content-Length and Connection.</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public static RawHttpResponse Text(int status, string body, params (string Name, string Value)[] headers) =>
        new(status, headers, Encoding.UTF8.GetBytes(body));

    public static RawHttpResponse NotFound() => Text(404, "not found", ("Content-Type", "text/plain"));
}
