using Slim.Tracer.Users;

namespace Slim.Tracer.Tests.Unit;

public sealed class UserDatabaseTests
{
    private const string Passwd = """
        root:x:0:0:root:/root:/bin/bash
        # a comment
        nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
        app:x:1000:1000::/home/app:/bin/sh
        broken line
        """;

    private const string Group = """
        root:x:0:
        adm:x:4:app
        staff:x:50:other,app
        nogroup:x:65534:
        app:x:1000:
        """;

    private static readonly UserDatabase Database = new(Passwd, Group);

    [Fact]
    public void A_name_gives_its_uid_gid_and_supplementary_groups()
    {
        var user = Database.Resolve("app");
        Assert.Equal(1000, user.Uid);
        Assert.Equal(1000, user.Gid);
        Assert.Equal([4, 50, 1000], user.Groups);
    }

    [Fact]
    public void A_name_with_a_group_name_uses_that_group()
    {
        var user = Database.Resolve("app:staff");
        Assert.Equal((1000, 50), (user.Uid, user.Gid));
        Assert.Contains(50, user.Groups);
    }

    [Fact]
    public void A_known_uid_takes_the_entry_of_that_user() =>
        Assert.Equal((65534, 65534), (Database.Resolve("65534").Uid, Database.Resolve("65534").Gid));

    [Fact]
    public void Numbers_without_an_entry_are_taken_as_they_are()
    {
        var user = Database.Resolve("4321:1234");
        Assert.Equal((4321, 1234), (user.Uid, user.Gid));
        Assert.Equal([1234], user.Groups);
        Assert.Equal(0, Database.Resolve("4321").Gid);
    }

    [Theory]
    [InlineData("ghost")]
    [InlineData("app:ghosts")]
    [InlineData("")]
    public void Unknown_names_are_refused(string spec) =>
        Assert.Throws<UserLookupException>(() => Database.Resolve(spec));

    [Fact]
    public void Missing_files_read_as_empty()
    {
        var empty = UserDatabase.Load(Path.Combine(Path.GetTempPath(), "no-such-root-" + Guid.NewGuid()));
        Assert.Equal(0, empty.Resolve("0").Uid);
        Assert.Throws<UserLookupException>(() => empty.Resolve("root"));
    }
}
