using Slim.Tracer.Fanotify;
using Slim.Tracer.Startup;
using Slim.Tracer.Tracing;

namespace Slim.Tracer.Tests.Unit;

public sealed class TracerOptionsTests
{
    [Fact]
    public void Options_before_the_double_dash_and_the_command_after_it()
    {
        var options = TracerOptions.Parse("run", ["--user", "app:staff", "--mode", "syscall", "--grace", "2.5", "--report", "/r.json", "--", "sh", "-c", "--user"]);
        Assert.Equal("app:staff", options.User);
        Assert.Equal(TraceMode.Syscall, options.Mode);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.GracePeriod);
        Assert.Equal("/r.json", options.Report);
        Assert.Equal(["sh", "-c", "--user"], options.Command);
    }

    [Theory]
    [InlineData("--mode", "fast", "--", "x")]
    [InlineData("--bogus", "--", "x")]
    [InlineData("--user")]
    [InlineData("--")]
    public void Bad_command_lines_are_refused(params string[] args) =>
        Assert.Throws<ArgumentException>(() => TracerOptions.Parse("run", args));

    [Fact]
    public void The_mounts_of_a_container_are_watched_but_not_the_pseudo_filesystems()
    {
        const string mountinfo = """
            562 480 0:51 / / rw,relatime master:255 - overlay overlay rw,lowerdir=/l
            563 562 0:54 / /proc rw,nosuid - proc proc rw
            564 562 0:55 / /dev rw,nosuid - tmpfs tmpfs rw
            570 562 8:1 /var/lib/docker/containers/x/resolv.conf /etc/resolv.conf rw - ext4 /dev/sda1 rw
            571 562 8:1 /srv /data\040dir rw - ext4 /dev/sda1 rw
            572 562 8:1 /b /.slim/artifacts rw - ext4 /dev/sda1 rw
            573 563 0:56 / /proc/bus ro - proc proc ro
            """;
        Assert.Equal(["/", "/etc/resolv.conf", "/data dir"], MountTable.WatchedMountPoints(mountinfo, "/.slim"));
    }
}
