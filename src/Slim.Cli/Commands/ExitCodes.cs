namespace Slim.Cli.Commands;

/// <summary>Every exit code slim uses, for every command. <see cref="CommandFailures"/> decides which one a failure gets.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command could not do its job (and, for `slim gate`, a rule failed: see <see cref="RuleFailed"/>).</summary>
    public const int Failed = 1;

    /// <summary>`slim gate`: the image breaks a rule. The same code as <see cref="Failed"/>, so a gate that could not check maps its failures to <see cref="BadInput"/>.</summary>
    public const int RuleFailed = 1;

    /// <summary>The command line, a value on it, or a file it names cannot be used as given.</summary>
    public const int BadInput = 2;

    /// <summary>No container engine answers.</summary>
    public const int EngineUnavailable = 3;

    /// <summary>`slim build`: the slim image does not behave like the original.</summary>
    public const int SlimImageDiffers = 4;

    /// <summary>Interrupted (Ctrl-C, SIGTERM): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
