using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using Slim.Testing;

namespace Slim.Cli.Tests.Xray;

public sealed class XrayCommandTests
{
    [Fact]
    public async Task Without_a_target_xray_is_refused()
    {
        var run = await SlimRun.InvokeAsync("xray");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--target", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_transport_is_one_line_and_exit_2()
    {
        var run = await SlimRun.InvokeAsync("xray", "--target", "registry:example.com/app:1");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("slim: ", line, StringComparison.Ordinal);
        Assert.Contains("registry", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_archive_is_one_line_without_a_stack_trace()
    {
        var run = await SlimRun.InvokeAsync("xray", "--target", "docker-archive:/nonexistent/image.tar");

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("/nonexistent/image.tar", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_into_a_missing_directory_is_bad_input()
    {
        var run = await SlimRun.InvokeAsync("xray", "--target", "docker-archive:/nonexistent/image.tar", "--html", "/nonexistent-dir/page.html");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/nonexistent-dir", run.Error, StringComparison.Ordinal);
    }
}

/// <summary>xray through the command line on images in the real engine: JSON, the terminal view, and the HTML page in Chromium.</summary>
[Integration]
[Collection(XrayCliEngineCollection.Name)]
public sealed class XrayCommandEngineTests(DockerEngineFixture engine)
{
    [Fact]
    public async Task Json_describes_the_image_from_the_engine()
    {
        var run = await SlimRun.InvokeAsync("xray", "--target", engine.BusyboxBase, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("slim.xray/v1", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("layers").GetArrayLength());
        Assert.Equal(1.0, json.RootElement.GetProperty("efficiency").GetDouble());
        Assert.Equal(0, json.RootElement.GetProperty("wastedBytes").GetInt64());
        Assert.Contains("/bin/busybox", json.RootElement.GetProperty("biggestFiles")[0].GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_terminal_view_shows_the_summary_and_layers()
    {
        var run = await SlimRun.InvokeAsync("xray", "--target", engine.DebianBase);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Efficiency", run.Output, StringComparison.Ordinal);
        Assert.Contains("100.00 %", run.Output, StringComparison.Ordinal);
        Assert.Contains("Layers", run.Output, StringComparison.Ordinal);
        Assert.Contains("# debootstrap", run.Output, StringComparison.Ordinal);
        Assert.Contains("/usr/lib", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_page_renders_in_headless_chromium()
    {
        var dir = Directory.CreateTempSubdirectory("slim-xray-html-");
        try
        {
            var page = Path.Combine(dir.FullName, "xray.html");
            var run = await SlimRun.InvokeAsync("xray", "--target", engine.DebianBase, "--html", page);
            Assert.True(run.ExitCode == 0, run.ToString());

            var chromium = (await ExternalCommand.RunAsync("bash", [Path.Combine(RepoPaths.Scripts, "ensure-chromium.sh")], TimeSpan.FromMinutes(15))).EnsureSuccess().StandardOutput.Trim();
            string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}"];
            var screenshot = Path.Combine(dir.FullName, "xray.png");
            (await ExternalCommand.RunAsync(chromium, [.. common, $"--screenshot={screenshot}", "--window-size=1280,1600", new Uri(page).AbsoluteUri], TimeSpan.FromMinutes(2))).EnsureSuccess();
            var dom = (await ExternalCommand.RunAsync(chromium, [.. common, "--dump-dom", new Uri(page).AbsoluteUri], TimeSpan.FromMinutes(2))).EnsureSuccess().StandardOutput;

            // the browser built the page: the treemap has boxes for the directories, the layer table a row per layer
            Assert.Contains("<svg id=\"treemap\"", dom, StringComparison.Ordinal);
            Assert.Contains(">usr ", dom, StringComparison.Ordinal);
            Assert.True(dom.Split("<rect").Length > 10, "the treemap has too few boxes");
            Assert.Contains("debootstrap", dom, StringComparison.Ordinal);

            var (width, height, distinct) = Png.Describe(await File.ReadAllBytesAsync(screenshot));
            Assert.Equal((1280, 1600), (width, height));
            Assert.True(distinct > 32, $"the screenshot looks blank ({distinct} distinct byte values)");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Just enough PNG reading to tell a real screenshot from a blank one: the size, and how varied the pixel data is.</summary>
    private static class Png
    {
        public static (int Width, int Height, int DistinctBytes) Describe(byte[] png)
        {
            Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
            var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
            var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
            var idat = new MemoryStream();
            for (var at = 8; at + 8 <= png.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
                var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
                if (type == "IDAT")
                {
                    idat.Write(png, at + 8, length);
                }

                at += 12 + length;
            }

            idat.Position = 0;
            using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
            var seen = new bool[256];
            var buffer = new byte[65536];
            int read;
            while ((read = inflate.Read(buffer)) > 0)
            {
                foreach (var b in buffer.AsSpan(0, read))
                {
                    seen[b] = true;
                }
            }

            return (width, height, seen.Count(s => s));
        }
    }
}
