using Slim.Analysis.Xray;

namespace Slim.Analysis.Tests.Xray;

public sealed class XrayTextTests
{
    [Theory]
    [InlineData("/bin/sh -c #(nop)  CMD [\"python3\" \"app.py\"]", "CMD [\"python3\" \"app.py\"]")]
    [InlineData("/bin/sh -c apt-get update && apt-get install -y gcc", "RUN apt-get update && apt-get install -y gcc")]
    [InlineData("|2 A=1 B=2 /bin/sh -c make all", "RUN make all")]
    [InlineData("RUN /bin/sh -c pip install flask # buildkit", "RUN pip install flask")]
    [InlineData("COPY app.py /app/ # buildkit", "COPY app.py /app/")]
    [InlineData("/bin/sh -c #(nop) ADD file:1234 in / ", "ADD file:1234 in /")]
    [InlineData(null, "(unknown)")]
    public void History_reads_like_a_dockerfile(string? createdBy, string expected) =>
        Assert.Equal(expected, DockerfileHistory.Instruction(createdBy));

    [Fact]
    public void Empty_layer_steps_take_no_layer()
    {
        var steps = DockerfileHistory.Steps(
        [
            new() { CreatedBy = "/bin/sh -c #(nop) ADD file:1 in /" },
            new() { CreatedBy = "/bin/sh -c #(nop) ENV A=1", EmptyLayer = true },
            new() { CreatedBy = "/bin/sh -c true" },
        ], 2);

        Assert.Equal([0, null, 1], steps.Select(s => s.Layer));
    }

    [Theory]
    [InlineData("40MB", 40_000_000)]
    [InlineData("20MiB", 20 * 1024 * 1024)]
    [InlineData("1.5GB", 1_500_000_000)]
    [InlineData("123456", 123456)]
    [InlineData("10 kB", 10_000)]
    [InlineData("2KiB", 2048)]
    public void Sizes_parse_with_decimal_and_binary_units(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-5MB")]
    [InlineData("MB")]
    public void Nonsense_is_not_a_size(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(20 * 1024 * 1024, "20.0 MiB")]
    [InlineData(1536, "1.50 KiB")]
    public void Sizes_format_in_binary_units(long bytes, string text) => Assert.Equal(text, ByteSize.Format(bytes));

    [Theory]
    [InlineData("home/*/.cache/pip", "home/app/.cache/pip/wheels/x.whl", "home/app/.cache/pip")]
    [InlineData("usr/bin/gcc*", "usr/bin/gcc-12", "usr/bin/gcc-12")]
    [InlineData("usr/bin/gcc*", "usr/bin/g++", null)]
    [InlineData("var/lib/apt/lists", "var/lib/apt/listsx/a", null)]
    [InlineData("var/lib/apt/lists", "var/lib/apt", null)]
    public void Path_patterns_match_a_prefix_of_segments(string pattern, string path, string? prefix) =>
        Assert.Equal(prefix, new PathPattern(pattern, "x").MatchPrefix(path));
}
