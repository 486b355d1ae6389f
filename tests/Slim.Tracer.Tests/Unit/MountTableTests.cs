using Slim.Trace;
using Slim.Tracer.Fanotify;

namespace Slim.Tracer.Tests.Unit;

public sealed class MountTableTests
{
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
        Assert.Equal(["/", "/etc/resolv.conf", "/data dir"], MountTable.WatchedMountPoints(mountinfo, TracerMount.Directory));
    }
}
