namespace Slim.Images;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, too late
/// to read), one report at a time: layers copied side by side report from several threads into one writer.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _reporting = new();

    public void Report(T value)
    {
        lock (_reporting)
        {
            report(value);
        }
    }
}
