namespace Slim.Pipeline;

/// <summary>One repair round: the failures it answered, what it added to the slim image, and why it stopped if it did.</summary>
/// <param name="Round">1 for the first round.</param>
/// <param name="Answered">The verification failures that started the round.</param>
/// <param name="PathsAdded">How many paths the slim image gained (with their links, parents and libraries).</param>
/// <param name="Found">What the traced slim image looked for that the original has (at most 50 named).</param>
/// <param name="SyscallsAdded">System calls the slim image made that the profile did not allow yet.</param>
/// <param name="Stopped">Why repair ended in this round without a new image, null when it made one.</param>
public sealed record RepairRound(
    int Round,
    IReadOnlyList<string> Answered,
    int PathsAdded,
    IReadOnlyList<string> Found,
    IReadOnlyList<string> SyscallsAdded,
    string? Stopped);
