using Slim.Tracer.Tracing;

namespace Slim.Tracer.Tests.Unit;

public sealed class PathResolverTests
{
    [Theory]
    [InlineData("/etc/passwd", null, "/etc/passwd")]
    [InlineData("/etc//./passwd", "/tmp", "/etc/passwd")]
    [InlineData("passwd", "/etc", "/etc/passwd")]
    [InlineData("./x/../y", "/srv/app", "/srv/app/y")]
    [InlineData("../../../../etc", "/a/b", "/etc")]
    [InlineData("", "/var/lib", "/var/lib")]
    [InlineData("/..", null, "/")]
    public void Resolve_makes_the_path_absolute_against_the_base(string asked, string? baseDirectory, string expected) =>
        Assert.Equal(expected, PathResolver.Resolve(asked, baseDirectory));

    [Theory]
    [InlineData("relative", null)]
    [InlineData("relative", "socket:[1234]")]
    public void Resolve_gives_up_on_a_relative_path_without_a_directory_base(string asked, string? baseDirectory) =>
        Assert.Null(PathResolver.Resolve(asked, baseDirectory));

    [Theory]
    [InlineData("/.slim", "/.slim", true)]
    [InlineData("/.slim/lib/libc.so.6", "/.slim", true)]
    [InlineData("/.slimmer", "/.slim", false)]
    [InlineData("/etc", "/", true)]
    public void IsUnder_compares_whole_components(string path, string directory, bool expected) =>
        Assert.Equal(expected, PathResolver.IsUnder(path, directory));
}
