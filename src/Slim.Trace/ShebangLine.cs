using System.Text;

namespace Slim.Trace;

/// <summary>
/// The <c>#!</c> line of a script, read the way the kernel's binfmt_script reads it: the interpreter is the first
/// word after <c>#!</c> (spaces and tabs skipped), and everything after it up to the end of the line, trimmed, is
/// one optional argument. Shared by the tracer (which records the interpreters an execve opens) and selection
/// (which keeps them), so both agree on what a script runs.
/// </summary>
/// <param name="Interpreter">The interpreter as written (absolute, or relative to the caller's working directory).</param>
/// <param name="Argument">The single optional argument, null when there is none.</param>
public sealed record ShebangLine(string Interpreter, string? Argument)
{
    /// <summary>How much of a file the kernel reads to decide how to run it (BINPRM_BUF_SIZE).</summary>
    public const int HeadSize = 256;

    /// <summary>How many interpreters deep the kernel follows a script whose interpreter is a script (ELOOP beyond).</summary>
    public const int MaxDepth = 5;

    /// <summary>The line at the start of <paramref name="head"/>; null when it is not a script the kernel would run.</summary>
    public static ShebangLine? TryParse(ReadOnlySpan<byte> head)
    {
        if (head.Length < 2 || head[0] != (byte)'#' || head[1] != (byte)'!')
        {
            return null;
        }

        var line = head[2..Math.Min(head.Length, HeadSize)];
        var newline = line.IndexOf((byte)'\n');
        var complete = newline >= 0;
        if (complete)
        {
            line = line[..newline];
        }

        var start = 0;
        while (start < line.Length && IsBlank(line[start]))
        {
            start++;
        }

        var end = start;
        while (end < line.Length && !IsBlank(line[end]) && line[end] != 0)
        {
            end++;
        }

        // Without a newline in the buffer the kernel only accepts an interpreter whose name ends inside it; a file
        // shorter than the buffer ends in the buffer's zeros, which end the name.
        if (end == start || (!complete && end == line.Length && head.Length >= HeadSize))
        {
            return null;
        }

        var interpreter = Encoding.UTF8.GetString(line[start..end]);
        var rest = line[end..];
        var nul = rest.IndexOf((byte)0);
        if (nul >= 0)
        {
            rest = rest[..nul];
        }

        var argument = Encoding.UTF8.GetString(rest).Trim(' ', '\t', '\r');
        return new ShebangLine(interpreter, argument.Length == 0 ? null : argument);
    }

    /// <summary>True when the interpreter is env (<c>#!/usr/bin/env NAME</c>): the program run is then <see cref="EnvProgram"/>.</summary>
    public bool IsEnv => Interpreter == "env" || Interpreter.EndsWith("/env", StringComparison.Ordinal);

    /// <summary>
    /// The program env is asked to run (a name looked up in PATH, or a path), skipping its options and
    /// NAME=VALUE assignments; <c>-S</c> splits the argument into words as env does. Null when there is none.
    /// </summary>
    public string? EnvProgram()
    {
        if (!IsEnv || Argument is null)
        {
            return null;
        }

        var words = Argument.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word == "--")
            {
                return i + 1 < words.Length ? words[i + 1] : null;
            }

            if (word is "-u" or "-C" or "--unset" or "--chdir")
            {
                i++; // the option's value
                continue;
            }

            if (word.StartsWith('-') || word.Contains('=', StringComparison.Ordinal))
            {
                // -S, -i, -v, --split-string=…, --unset=NAME, or an assignment; "-Spython3" glues the program on.
                if (word.StartsWith("-S", StringComparison.Ordinal) && word.Length > 2 && !word.Contains('=', StringComparison.Ordinal))
                {
                    return word[2..];
                }

                continue;
            }

            return word;
        }

        return null;
    }

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';
}
