using System.Globalization;
using System.Text;
using System.Xml;

namespace Slim.Analysis.Gate;

/// <summary>
/// The gate's verdict as JUnit XML, the report format CI servers read: one <c>testsuite</c> named after the image, one
/// <c>testcase</c> per rule, a <c>failure</c> element (message = the rule's line) for each rule that does not hold.
/// </summary>
public static class GateJunitWriter
{
    public static string Write(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failures = result.Outcomes.Count(o => !o.Passed).ToString(CultureInfo.InvariantCulture);
        var tests = result.Outcomes.Count.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var xml = XmlWriter.Create(new Utf8StringWriter(text), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "slim gate");
            xml.WriteAttributeString("tests", tests);
            xml.WriteAttributeString("failures", failures);
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", "0");

            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", "slim gate" + (result.Image is null ? "" : ": " + result.Image));
            xml.WriteAttributeString("tests", tests);
            xml.WriteAttributeString("failures", failures);
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", "0");
            xml.WriteAttributeString("time", "0");
            xml.WriteAttributeString("timestamp", result.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("hostname", "localhost");
            xml.WriteStartElement("properties");
            Property(xml, "image", result.Image ?? "");
            Property(xml, "verdict", result.Passed ? "passed" : "failed");
            xml.WriteEndElement();

            foreach (var outcome in result.Outcomes)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", "slim.gate");
                xml.WriteAttributeString("name", outcome.Rule);
                xml.WriteAttributeString("time", "0");
                if (!outcome.Passed)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", outcome.Describe());
                    xml.WriteAttributeString("type", outcome.Kind.ToString());
                    xml.WriteString($"measured {outcome.MeasuredText}\nlimit {outcome.LimitText}\nrule from {outcome.Origin}");
                    xml.WriteEndElement();
                }

                xml.WriteElementString("system-out", outcome.Describe());
                xml.WriteEndElement();
            }

            xml.WriteElementString("system-out", string.Join("\n", result.Outcomes.Select(o => o.Describe())));
            xml.WriteElementString("system-err", "");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.Append('\n').ToString();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    /// <summary>A StringWriter that reports UTF-8, so the XML declaration says what the file will be.</summary>
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
