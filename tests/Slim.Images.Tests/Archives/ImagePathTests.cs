using Slim.Images;
using Slim.Images.Archives;

namespace Slim.Images.Tests.Archives;

/// <summary>The normalization rules of <see cref="ImagePath"/>, one case each.</summary>
public sealed class ImagePathTests
{
    [Theory]
    [InlineData("usr/bin/env", "usr/bin/env")]
    [InlineData("./usr//bin/./env/", "usr/bin/env")]
    [InlineData(".", "")]
    [InlineData("", "")]
    [InlineData("./", "")]
    public void FromKey_drops_empty_and_dot_segments(string name, string key)
    {
        Assert.Equal(key, ImagePath.FromKey(name).Key);
    }

    [Theory]
    [InlineData("/usr/bin/env")]
    [InlineData("../etc/passwd")]
    [InlineData("usr/../../etc")]
    [InlineData("usr/..")]
    [InlineData("a\0b")]
    public void FromKey_refuses_absolute_climbing_and_nul_names(string name)
    {
        Assert.False(ImagePath.TryFromKey(name, out _));
        var error = Assert.Throws<ImageException>(() => ImagePath.FromKey(name, "layer 1"));
        Assert.Equal(ImageErrorReason.UnsafePath, error.Detail);
        Assert.Contains("layer 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/usr/bin/env", "usr/bin/env")]
    [InlineData("//usr/./bin//env/", "usr/bin/env")]
    [InlineData("/usr/lib/../bin/env", "usr/bin/env")]
    [InlineData("/../../etc/passwd", "etc/passwd")]
    [InlineData("/", "")]
    [InlineData("/..", "")]
    public void FromAbsolute_folds_dot_dot_and_never_leaves_the_root(string absolute, string key)
    {
        Assert.Equal(key, ImagePath.FromAbsolute(absolute).Key);
    }

    [Theory]
    [InlineData("usr/bin/env")]
    [InlineData("")]
    [InlineData("/a\0")]
    public void FromAbsolute_refuses_relative_and_nul_paths(string path)
    {
        Assert.False(ImagePath.TryFromAbsolute(path, out _));
        Assert.Equal(ImageErrorReason.UnsafePath, Assert.Throws<ImageException>(() => ImagePath.FromAbsolute(path)).Detail);
    }

    [Theory]
    [InlineData("usr/lib/../share/x", true, "usr/share/x")]
    [InlineData("usr/../..", false, "")]
    [InlineData("/etc", false, "")]
    public void TryResolveWithin_climbs_inside_the_root_only(string path, bool ok, string key)
    {
        Assert.Equal(ok, ImagePath.TryResolveWithin(path, out var resolved));
        Assert.Equal(key, resolved.Key);
    }

    [Fact]
    public void The_two_forms_of_one_path()
    {
        var path = ImagePath.FromKey("usr/bin/env");

        Assert.Equal("/usr/bin/env", path.Absolute);
        Assert.Equal("/usr/bin/env", path.ToString());
        Assert.Equal(path, ImagePath.FromAbsolute(path.Absolute));
        Assert.Equal("/", ImagePath.Root.Absolute);
        Assert.Equal("", ImagePath.Root.Key);
        Assert.True(ImagePath.Root.IsRoot);
    }

    [Fact]
    public void The_root_made_any_way_is_one_value()
    {
        Assert.Equal(ImagePath.Root, default);
        Assert.Equal(ImagePath.Root, ImagePath.FromKey("."));
        Assert.Equal(ImagePath.Root, ImagePath.FromAbsolute("/"));
        Assert.Equal(ImagePath.Root.GetHashCode(), ImagePath.FromKey("").GetHashCode());
    }

    [Fact]
    public void Parent_name_child_and_ancestors()
    {
        var path = ImagePath.FromAbsolute("/usr/lib/x.so");

        Assert.Equal("x.so", path.Name);
        Assert.Equal("/usr/lib", path.Parent.Absolute);
        Assert.Equal(ImagePath.Root, ImagePath.FromKey("usr").Parent);
        Assert.Equal(ImagePath.Root, ImagePath.Root.Parent);
        Assert.Equal(path, ImagePath.FromKey("usr/lib").Child("x.so"));
        Assert.Equal(ImagePath.FromKey("etc"), ImagePath.Root.Child("etc"));
        Assert.Equal(["/usr/lib", "/usr"], path.Ancestors().Select(a => a.Absolute));
        Assert.Empty(ImagePath.FromKey("usr").Ancestors());
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    public void Child_takes_one_ordinary_segment(string name)
    {
        Assert.Throws<ArgumentException>(() => ImagePath.Root.Child(name));
    }

    [Fact]
    public void IsBelow_means_strictly_below_by_whole_segments()
    {
        var usr = ImagePath.FromKey("usr");

        Assert.True(ImagePath.FromKey("usr/bin").IsBelow(usr));
        Assert.False(ImagePath.FromKey("usrlocal/bin").IsBelow(usr));
        Assert.False(usr.IsBelow(usr));
        Assert.True(usr.IsBelow(ImagePath.Root));
        Assert.False(ImagePath.Root.IsBelow(ImagePath.Root));
    }

    [Fact]
    public void Order_is_ordinal_by_key_so_parents_come_first()
    {
        var paths = new[] { "usr/lib", "usr", "etc/passwd", "usr/bin", "etc" }.Select(k => ImagePath.FromKey(k)).Order().Select(p => p.Key);

        Assert.Equal(["etc", "etc/passwd", "usr", "usr/bin", "usr/lib"], paths);
    }
}
