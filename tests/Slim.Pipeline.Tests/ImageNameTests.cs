using Slim.Images;
using Slim.Trace.Errors;
namespace Slim.Pipeline.Tests;

/// <summary>Target and tag as the request holds them: checked when the request is made, text kept as given.</summary>
public sealed class ImageNameTests
{
    [Theory]
    [InlineData("debian", "docker.io/library/debian:latest")]
    [InlineData("localhost:5000/app:1", "localhost:5000/app:1")]
    [InlineData("3f2a1b0c9d8e", "docker.io/library/3f2a1b0c9d8e:latest")] // a short ID: the engine resolves the text
    public void A_target_name_is_parsed_and_kept_as_given(string text, string canonical)
    {
        var name = ImageName.Target(text, "--target");

        Assert.Equal(text, name.Text);
        Assert.Equal(canonical, name.Reference!.ToString());
    }

    [Theory]
    [InlineData("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_target_image_id_has_no_reference(string text)
    {
        var name = ImageName.Target(text, "--target");

        Assert.Equal(text, name.Text);
        Assert.Null(name.Reference);
    }

    [Theory]
    [InlineData("Bad Tag!")]
    [InlineData("app:")]
    [InlineData("app/Upper")]
    public void A_bad_tag_is_bad_input_naming_the_option(string text)
    {
        var e = Assert.Throws<ImageException>(() => ImageName.Tag(text, "--tag"));

        Assert.Equal(ErrorReason.BadInput, e.Reason);
        Assert.StartsWith("--tag ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void An_image_id_is_no_tag()
    {
        var e = Assert.Throws<ImageException>(() => ImageName.Tag("sha256:" + new string('a', 64), "--tag"));

        Assert.Contains("needs a name", e.Message, StringComparison.Ordinal);
    }
}
