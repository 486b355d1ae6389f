namespace Slim.Testing;

/// <summary>
/// `make unit` sets SLIM_UNIT_ONLY=1. Whatever reaches the engine then fails at once with the fix,
/// instead of starting one or waiting on a socket: a test that needs the engine must say so.
/// </summary>
public static class UnitRun
{
    public const string Variable = "SLIM_UNIT_ONLY";

    public static bool Active => Environment.GetEnvironmentVariable(Variable) == "1";

    public static void RefuseEngine(string what)
    {
        if (Active)
        {
            throw new InvalidOperationException(
                $"{what} is for integration tests (engine, root, bin/slim), but this is an engine-free run ({Variable}=1): mark the test class [Integration].");
        }
    }
}
