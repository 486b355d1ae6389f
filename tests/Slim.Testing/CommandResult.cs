namespace Slim.Testing;

/// <summary>What an external command did: its exit code and everything it printed.</summary>
public sealed record CommandResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with the command's output when it failed, so a broken setup explains itself.</summary>
    public CommandResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(
                $"`{Command}` exited {ExitCode}\n--- stdout ---\n{Tail(StandardOutput)}\n--- stderr ---\n{Tail(StandardError)}");
        }

        return this;
    }

    public override string ToString() =>
        $"`{Command}` exited {ExitCode}\n--- stdout ---\n{Tail(StandardOutput)}\n--- stderr ---\n{Tail(StandardError)}";

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}
