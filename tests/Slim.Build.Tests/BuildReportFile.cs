using System.Text.Json;

namespace Slim.Build.Tests;

/// <summary>Reads slim.report.json as plain JSON: the tests check the document users get, not our types.</summary>
public sealed class BuildReportFile(JsonElement root)
{
    public JsonElement Root => root;

    public static BuildReportFile Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new BuildReportFile(document.RootElement.Clone());
    }

    public string ResultId => root.GetProperty("result").GetProperty("id").GetString()!;

    public long TargetSize => root.GetProperty("target").GetProperty("size").GetInt64();

    public long ResultSize => root.GetProperty("result").GetProperty("size").GetInt64();

    public bool VerificationPassed => root.GetProperty("verification").GetProperty("passed").GetBoolean();

    public string VerificationFailures => root.GetProperty("verification").GetProperty("failures").ToString();

    public JsonElement Hardening => root.GetProperty("hardening");

    public string SeccompProfile => root.GetProperty("artifacts").GetProperty("seccompProfile").GetString()!;
}
