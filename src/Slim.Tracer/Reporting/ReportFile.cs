using Slim.Trace;

namespace Slim.Tracer.Reporting;

/// <summary>
/// Writes the report so that a reader never sees half a document: to a temporary file beside it, then rename.
/// A container killed with SIGKILL thus still leaves the last complete snapshot.
/// </summary>
internal sealed class ReportFile(string path)
{
    private readonly Lock _gate = new();
    private bool _final;

    public string Path { get; } = path;

    /// <summary>Writes a snapshot, unless the final document is already written.</summary>
    public void WriteSnapshot(TraceReport report)
    {
        lock (_gate)
        {
            if (!_final)
            {
                WriteAtomically(report);
            }
        }
    }

    public void WriteFinal(TraceReport report)
    {
        lock (_gate)
        {
            WriteAtomically(report);
            _final = true;
        }
    }

    private void WriteAtomically(TraceReport report)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 65536))
        {
            TraceReportJson.Write(stream, report);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
