using Slim.Analysis.Xray;

namespace Slim.Analysis.Tests.Gate;

/// <summary>Small xray reports with known figures, made through the real analysis.</summary>
internal static class GateTestImages
{
    /// <summary>1,000 bytes in layer 0, a 300-byte file in layer 1 that layer 2 deletes: size 1,300, wasted 300, efficiency 1000/1300, user wasted 100 %.</summary>
    public static XrayReport Wasteful()
    {
        var analysis = new XrayAnalysis();
        analysis.AddLayer(new XrayLayerInfo(), [XrayEntry.File("bin/app", 1000)]);
        analysis.AddLayer(new XrayLayerInfo(), [XrayEntry.File("tmp/build.log", 300)]);
        analysis.AddLayer(new XrayLayerInfo(), [XrayEntry.Whiteout("tmp/build.log")]);
        return analysis.Build("test:wasteful", "sha256:" + new string('1', 64), []);
    }
}
