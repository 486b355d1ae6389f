using Slim.Images.Layers;
using Slim.Rebuild.Hardening;
using Slim.Rebuild.Selection;
using Slim.Rebuild.Tests.Selection;
using Slim.Trace;

namespace Slim.Rebuild.Tests.Hardening;

/// <summary>The capabilities, writable directories and root needs read from trace reports made by hand.</summary>
public sealed class HardeningPlannerTests
{
    private const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode755 = Mode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    [Fact]
    public async Task A_root_server_that_binds_80_and_drops_to_another_user_needs_exactly_those_capabilities()
    {
        var report = Report(0,
            [Call("bind", 1, 0, 2, 80), Call("socket", 1, 0, 2, 1, 0), Call("setgroups", 2, 0, 0, 0, 0), Call("setgid", 2, 0, 33, 0, 0),
             Call("setuid", 2, 0, 33, 0, 0), Call("chown", 1, 0, 0, 33, 33)],
            [Write("/run/nginx.pid", 1), Created("/var/lib/nginx/body", 1), Read("/etc/nginx/nginx.conf", 1)]);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), ["/etc/nginx/nginx.conf", "/run", "/var/lib/nginx"], []);

        Assert.Equal(["CHOWN", "NET_BIND_SERVICE", "SETGID", "SETUID"], plan.CapabilityNames);
        Assert.Equal(["/run", "/var/lib/nginx"], plan.Tmpfs);
        Assert.True(plan.ReadOnlyRootfs);
        Assert.True(plan.NoNewPrivileges);
        Assert.True(plan.NeedsRoot);
        Assert.Contains("port 80", plan.Capabilities.Single(c => c.Name == "NET_BIND_SERVICE").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task High_ports_inet_sockets_and_ids_set_by_a_non_root_process_need_nothing()
    {
        var report = Report(0, [Call("bind", 1, 0, 2, 8080), Call("bind", 1, 0, 10, 443 + 8000), Call("socket", 1, 0, 10, 2, 0), Call("setuid", 3, 1000, 1000, 0, 0)], []);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        Assert.Empty(plan.Capabilities);
        Assert.False(plan.NeedsRoot);
    }

    [Fact]
    public async Task Raw_and_packet_sockets_signals_to_other_users_device_nodes_and_chroot_each_name_their_capability()
    {
        var report = Report(0,
            [Call("socket", 1, 0, 2, 3, 1), Call("kill", 1, 0, 7, 15, 33), Call("kill", 1, 0, 1, 0, 0), Call("mknod", 1, 0, 0, 0x2000 | 0x1b6, 0),
             Call("mknodat", 1, 0, -100, 0, 0x1000 | 0x1b6), Call("chroot", 1, 0, 0, 0, 0)],
            []);
        var packet = Report(0, [Call("socket", 4, 0, 17, 2, 0)], []);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        Assert.Equal(["KILL", "MKNOD", "NET_RAW", "SYS_CHROOT"], plan.CapabilityNames);
        Assert.Equal(["NET_RAW"], HardeningPlanner.Plan([packet], await TreeAsync(), [], []).CapabilityNames);
    }

    [Fact]
    public async Task Root_reading_a_file_of_another_user_that_the_mode_closes_needs_dac_override_and_root()
    {
        var report = Report(0, [], [Read("/srv/secret", 1), Read("/etc/nginx/nginx.conf", 1)]);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        Assert.Equal(["DAC_OVERRIDE"], plan.CapabilityNames);
        Assert.Contains("/srv/secret", plan.Capabilities[0].Reason, StringComparison.Ordinal);
        Assert.True(plan.NeedsRoot);
    }

    [Fact]
    public async Task Root_making_a_file_in_a_directory_another_user_owns_needs_dac_override_and_in_its_own_or_tmp_does_not()
    {
        // php-fpm's master (root) binds its socket in a directory owned by www-data (0755): refused without DAC_OVERRIDE
        var socket = Report(0, [], [Socket("/run/apache2/socks/app.sock", "bind", 1)]);
        var created = Report(0, [], [Write("/run/apache2/socks/pid", 1)]);
        var allowed = Report(0, [], [Socket("/run/app.sock", "bind", 1), Write("/tmp/new", 1), Write("/run/apache2/pid", 1)]);
        var dropped = Report(0, [Call("setuid", 1, 0, 33, 0, 0)], [Socket("/run/apache2/socks/app.sock", "bind", 1)]);

        var plan = HardeningPlanner.Plan([socket], await TreeAsync(), [], []);

        Assert.Equal(["DAC_OVERRIDE"], plan.CapabilityNames);
        Assert.Contains("/run/apache2/socks", plan.Capabilities[0].Reason, StringComparison.Ordinal);
        Assert.True(plan.NeedsRoot);
        Assert.Equal(["DAC_OVERRIDE"], HardeningPlanner.Plan([created], await TreeAsync(), [], []).CapabilityNames);
        Assert.DoesNotContain("DAC_OVERRIDE", HardeningPlanner.Plan([allowed], await TreeAsync(), [], []).CapabilityNames);
        Assert.DoesNotContain("DAC_OVERRIDE", HardeningPlanner.Plan([dropped], await TreeAsync(), [], []).CapabilityNames);
    }

    [Fact]
    public async Task A_root_app_that_only_reads_world_readable_files_does_not_need_root_and_a_non_root_one_needs_no_capability()
    {
        var root = Report(0, [], [Read("/etc/nginx/nginx.conf", 1), Write("/tmp/cache", 1)]);
        var nonRoot = Report(1000, [Call("chown", 1, 1000, 0, 1000, 1000)], [Read("/srv/secret", 1)]);

        var rootPlan = HardeningPlanner.Plan([root], await TreeAsync(), [], []);
        var nonRootPlan = HardeningPlanner.Plan([nonRoot], await TreeAsync(), [], []);

        Assert.Empty(rootPlan.Capabilities);
        Assert.True(rootPlan.RunsAsRoot);
        Assert.False(rootPlan.NeedsRoot);
        Assert.Equal(["/tmp"], rootPlan.Tmpfs);
        Assert.Empty(nonRootPlan.Capabilities);
        Assert.False(nonRootPlan.RunsAsRoot);
    }

    [Fact]
    public async Task Writes_into_a_declared_volume_need_no_tmpfs_and_writes_beside_kept_image_files_get_a_volume_filled_from_the_image()
    {
        var volume = Report(0, [], [Created("/data/note", 1)]);
        var beside = Report(0, [], [Write("/srv/app/state.json", 1), Read("/srv/app/server.py", 1)]);

        var volumePlan = HardeningPlanner.Plan([volume], await TreeAsync(), [], ["/data"]);
        var besidePlan = HardeningPlanner.Plan([beside], await TreeAsync(), ["/srv/app/server.py", "/srv/app/state.json"], []);

        Assert.Equal(["/data"], volumePlan.Volumes);
        Assert.Empty(volumePlan.Tmpfs);
        Assert.Empty(volumePlan.CopiedVolumes);
        Assert.True(volumePlan.ReadOnlyRootfs);
        Assert.True(besidePlan.ReadOnlyRootfs);
        Assert.Empty(besidePlan.Tmpfs);
        Assert.Equal(["/srv/app"], besidePlan.CopiedVolumes);
    }

    [Fact]
    public async Task A_tmpfs_over_a_kept_directory_would_hide_it_so_the_written_directory_becomes_a_volume()
    {
        // apache2ctl finds /run/apache2/socks (kept, empty) and apache writes its pid file beside it.
        var report = Report(0, [], [Write("/run/apache2/apache2.pid", 1), Stat("/run/apache2/socks", 1)]);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), ["/run/apache2", "/run/apache2/socks"], []);

        Assert.Equal(["/run/apache2"], plan.CopiedVolumes);
        Assert.Empty(plan.Tmpfs);
        Assert.True(plan.ReadOnlyRootfs);
    }

    [Fact]
    public async Task A_tmpfs_for_a_directory_another_user_owns_keeps_its_owner_and_mode()
    {
        var report = Report(100, [], [Write("/run/postgresql/.s.PGSQL.5432.lock", 1), Write("/tmp/tmp.x", 1)]);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        // root's /tmp needs nothing: the engine keeps the mode of the directory it mounts over.
        Assert.Equal(["/run/postgresql:uid=100,gid=102,mode=2775", "/tmp"], plan.Tmpfs);
    }

    [Fact]
    public async Task The_bind_of_a_unix_socket_makes_a_file_its_directory_must_hold_and_a_connect_does_not()
    {
        var report = Report(100, [], [Socket("/run/app/app.sock", "bind", 1), Socket("/run/postgresql/.s.PGSQL.5432", "connect", 1)]);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        Assert.Equal(["/run/app:uid=100,gid=102,mode=0755"], plan.Tmpfs);
    }

    [Fact]
    public async Task An_o_tmpfile_open_writes_in_the_directory_it_names_not_in_its_parent()
    {
        var report = Report(100, [], [Write("/run/app", 1)]);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        Assert.Equal(["/run/app:uid=100,gid=102,mode=0755"], plan.Tmpfs);
    }

    [Fact]
    public async Task A_raw_netlink_socket_as_getaddrinfo_opens_needs_no_net_raw()
    {
        var report = Report(0, [Call("socket", 1, 0, 16, 3 | 0x80000, 0), Call("socket", 1, 0, 2, 3 | 0x80000, 1)], []);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        // The second, an IP raw socket with SOCK_CLOEXEC, does need it.
        Assert.Equal(["NET_RAW"], plan.CapabilityNames);
        Assert.Contains("pid 1", plan.Capabilities[0].Reason, StringComparison.Ordinal);
        Assert.Empty(HardeningPlanner.Plan([Report(0, [Call("socket", 1, 0, 16, 3, 0)], [])], await TreeAsync(), [], []).CapabilityNames);
    }

    [Fact]
    public async Task Executing_a_set_uid_file_turns_off_no_new_privileges()
    {
        var report = Report(1000, [], [Exec("/usr/bin/su", 1), Exec("/bin/sh", 1)]);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        Assert.False(plan.NoNewPrivileges);
        Assert.Equal(["/usr/bin/su"], plan.SetuidExecutables);
    }

    [Fact]
    public async Task Changing_the_mode_of_a_file_root_gave_away_needs_fowner_and_the_process_after_its_setuid_is_not_root()
    {
        var report = Report(0,
            [Call("fchownat", 3, 0, -100, 0, 10002), Call("setresuid", 1, 0, 10002, 10002, 10002)],
            [new TracedFile("/etc/nginx/nginx.conf", true, "/etc/nginx/nginx.conf", [PathAccessKind.Metadata],
                [Access(PathAccessKind.Metadata, "fchownat", 3), Access(PathAccessKind.Metadata, "fchmodat", 2), Access(PathAccessKind.Read, "openat", 1)]),
             Read("/srv/secret", 1)],
            parents: [(1, 0), (2, 0), (3, 1)]);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        // fchmodat by pid 2 (still root) after pid 3's chown; pid 1 dropped root, so its read needs nothing.
        Assert.Equal(["CHOWN", "FOWNER", "SETUID"], plan.CapabilityNames);
        Assert.DoesNotContain(plan.Capabilities, c => c.Name == "DAC_OVERRIDE");
    }

    [Fact]
    public async Task Set_group_calls_made_after_setresuid_by_a_process_that_kept_its_capabilities_need_setgid()
    {
        // setpriv: setresuid with PR_SET_KEEPCAPS, then setresgid and setgroups as 10002 with root's capabilities still in hand.
        var report = Report(0, [Call("capset", 1, 0, 0, 0, 0), Call("setresuid", 1, 0, 10002, 10002, 10002), Call("setresgid", 1, 10002, 10002, 10002, 10002),
            Call("setgroups", 1, 10002, 1, 0, 0), Call("setresgid", 2, 10002, 5, 5, 5)], []);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        Assert.Equal(["SETGID", "SETUID"], plan.CapabilityNames);
        Assert.Contains("pid 1", plan.Capabilities[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_without_call_arguments_falls_back_to_the_call_names_of_a_root_command()
    {
        var report = Report(0, null, [], syscalls: ["setuid", "chown", "read"]);

        var plan = HardeningPlanner.Plan([report], await TreeAsync(), [], []);

        Assert.Equal(["CHOWN", "SETUID"], plan.CapabilityNames);
        Assert.Contains(plan.Notes, n => n.Contains("no call arguments", StringComparison.Ordinal));
    }

    private static Task<ImageTree> TreeAsync() => TreeEntries.TreeOfAsync(
        Entry("etc", LayerEntryKind.Directory, Mode755), Entry("etc/nginx", LayerEntryKind.Directory, Mode755), Entry("etc/nginx/nginx.conf", LayerEntryKind.File, Mode644),
        Entry("run", LayerEntryKind.Directory, Mode755), Entry("run/apache2", LayerEntryKind.Directory, Mode755), Entry("run/apache2/socks", LayerEntryKind.Directory, Mode755, uid: 33),
        Entry("run/postgresql", LayerEntryKind.Directory, Mode755 | UnixFileMode.GroupWrite | UnixFileMode.SetGroup, uid: 100, gid: 102),
        Entry("run/app", LayerEntryKind.Directory, Mode755, uid: 100, gid: 102), Entry("tmp", LayerEntryKind.Directory, Mode755 | UnixFileMode.StickyBit),
        Entry("var", LayerEntryKind.Directory, Mode755), Entry("var/lib", LayerEntryKind.Directory, Mode755), Entry("var/lib/nginx", LayerEntryKind.Directory, Mode755),
        Entry("srv", LayerEntryKind.Directory, Mode755), Entry("srv/secret", LayerEntryKind.File, UnixFileMode.UserRead, uid: 33, gid: 33),
        Entry("srv/app", LayerEntryKind.Directory, Mode755), Entry("srv/app/server.py", LayerEntryKind.File, Mode644), Entry("srv/app/state.json", LayerEntryKind.File, Mode644),
        Entry("data", LayerEntryKind.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute),
        Entry("usr", LayerEntryKind.Directory, Mode755), Entry("usr/bin", LayerEntryKind.Directory, Mode755), Entry("usr/bin/su", LayerEntryKind.File, Mode755 | UnixFileMode.SetUser),
        Entry("bin", LayerEntryKind.Directory, Mode755), Entry("bin/sh", LayerEntryKind.File, Mode755));

    private static LayerEntry Entry(string path, LayerEntryKind kind, UnixFileMode mode, int uid = 0, int gid = 0) =>
        new() { Path = path, Kind = kind, Mode = mode, Uid = uid, Gid = gid, Size = kind == LayerEntryKind.File ? 10 : 0 };

    private static TracedCall Call(string syscall, int pid, int euid, params long[] arguments) => new(syscall, pid, euid, arguments, 1);

    private static PathAccess Access(PathAccessKind kind, string syscall, int pid) => new(kind, "x", syscall, pid, "app", null, 1);

    private static TracedFile Read(string path, int pid) => new(path, true, path, [PathAccessKind.Read], [Access(PathAccessKind.Read, "openat", pid)]);

    private static TracedFile Write(string path, int pid) => new(path, true, path, [PathAccessKind.Write], [Access(PathAccessKind.Write, "openat", pid)]);

    private static TracedFile Stat(string path, int pid) => new(path, true, path, [PathAccessKind.Stat], [Access(PathAccessKind.Stat, "newfstatat", pid)]);

    private static TracedFile Socket(string path, string syscall, int pid) => new(path, false, null, [PathAccessKind.Socket], [Access(PathAccessKind.Socket, syscall, pid)]);

    private static TracedFile Exec(string path, int pid) => new(path, true, path, [PathAccessKind.Exec], [Access(PathAccessKind.Exec, "execve", pid)]);

    private static TracedFile Created(string path, int pid) => new(path, true, path, [PathAccessKind.Create], [Access(PathAccessKind.Create, "mkdir", pid)]);

    private static TraceReport Report(
        int uid, IReadOnlyList<TracedCall>? calls, IReadOnlyList<TracedFile> files, IReadOnlyList<string>? syscalls = null, IReadOnlyList<(int Pid, int Parent)>? parents = null) =>
        new(
            TraceReport.CurrentVersion, TraceKind.Run, TraceMode.Seccomp, ["app"], new TracedUser(null, uid, uid, []),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TraceCompletion.Exited, null, new FanotifyState(false, [], null),
            [.. (parents ?? [(1, 0)]).Select(p => new TracedProcess(p.Pid, p.Parent, "/app", ["app"], [], 1, null))],
            files, [], [.. (syscalls ?? []).Select((s, i) => new SyscallCount(s, i, 1))], [], calls);
}
