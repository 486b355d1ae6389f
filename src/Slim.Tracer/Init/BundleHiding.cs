using System.Runtime.InteropServices;
using System.Text;
using Slim.Trace;
using Slim.Tracer.Native;

namespace Slim.Tracer.Init;

/// <summary>
/// Takes the tracer bundle out of the app's sight (see <see cref="TracerMount"/>): PID 1 opens a detached copy of the
/// root mount (open_tree), which shows the root file system without the mounts on it, moves /.slim into that copy's
/// /dev (under the container's /dev mount, so nothing in the container can name it), and keeps it open as
/// <see cref="TracerMount.DoorDescriptor"/>. The move is a rename inside one file system: the artifacts stay on the
/// container's file system, where the engine copies them from. Covering /.slim with a mount instead would leave
/// its name in /, and an app that lists / would still list it.
/// </summary>
internal sealed unsafe class BundleHiding
{
    private const string Name = ".slim";
    private const string HiddenName = "dev/.slim";
    private int _tree;

    private BundleHiding(int tree, bool door, string? problem)
    {
        _tree = tree;
        HasDoor = door;
        Problem = problem;
    }

    /// <summary>True when the bundle can be reached through <see cref="TracerMount.Door"/>.</summary>
    public bool HasDoor { get; }

    /// <summary>Why the bundle stays visible; null when it is hidden.</summary>
    public string? Problem { get; }

    public static BundleHiding Hide()
    {
        if (Libc.fcntl(TracerMount.DoorDescriptor, Kernel.FGetFd, 0) >= 0)
        {
            return new BundleHiding(-1, false, $"descriptor {TracerMount.DoorDescriptor} is taken");
        }

        int tree;
        fixed (byte* root = Bytes("/"))
        {
            tree = (int)Libc.syscall(Kernel.SysOpenTree, Kernel.AtFdCwd, (nint)root, Kernel.OpenTreeClone | Kernel.OCloExec);
        }

        if (tree < 0)
        {
            return Visible("open_tree /: " + LastError());
        }

        fixed (byte* name = Bytes(Name), hidden = Bytes(HiddenName))
        {
            if (Libc.renameat2(tree, name, tree, hidden, Kernel.RenameNoReplace) != 0)
            {
                var problem = "rename /.slim to " + TracerMount.Hideaway + ": " + LastError();
                Libc.close(tree);
                return Visible(problem);
            }

            var dir = Libc.openat(tree, hidden, Kernel.OPath | Kernel.ODirectory | Kernel.OCloExec, 0);
            if (dir < 0 || Libc.dup3(dir, TracerMount.DoorDescriptor, Kernel.OCloExec) < 0)
            {
                var problem = "open " + TracerMount.Hideaway + ": " + LastError();
                Libc.renameat2(tree, hidden, tree, name, Kernel.RenameNoReplace);
                Libc.close(tree);
                return Visible(problem);
            }

            Libc.close(dir);
        }

        return new BundleHiding(tree, true, null);
    }

    /// <summary>Puts the bundle back at /.slim, where the engine copies the reports from.</summary>
    public void Restore()
    {
        if (_tree < 0)
        {
            return;
        }

        fixed (byte* name = Bytes(Name), hidden = Bytes(HiddenName))
        {
            if (Libc.renameat2(_tree, hidden, _tree, name, Kernel.RenameNoReplace) != 0)
            {
                ErrorOutput.Line($"init: cannot put the bundle back at {TracerMount.Directory} ({LastError()}); the reports stay in {TracerMount.HiddenArtifacts}");
            }
        }

        Libc.close(_tree);
        _tree = -1;
    }

    // Not hidden, but still reached through the door, so the rest of the sensor has one way in either way.
    private static BundleHiding Visible(string problem)
    {
        fixed (byte* path = Bytes(TracerMount.Directory))
        {
            var dir = Libc.openat(Kernel.AtFdCwd, path, Kernel.OPath | Kernel.ODirectory | Kernel.OCloExec, 0);
            var door = dir >= 0 && Libc.dup3(dir, TracerMount.DoorDescriptor, Kernel.OCloExec) >= 0;
            if (dir >= 0)
            {
                Libc.close(dir);
            }

            return new BundleHiding(-1, door, problem);
        }
    }

    private static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path + "\0");

    private static string LastError() => ErrnoNames.NameOf(Marshal.GetLastPInvokeError());
}
