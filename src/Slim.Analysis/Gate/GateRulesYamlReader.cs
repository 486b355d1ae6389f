using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Slim.Analysis.Gate;

/// <summary>
/// Reads a YAML rules file into (name, value, line) entries: one mapping of rule names to scalars, at the top or
/// under one <c>rules:</c> key (dive's <c>.dive-ci</c> shape), in block or flow form, with comments, quotes and
/// anchors. Reads parser events rather than deserializing, so it stays free of reflection and every error can name
/// its line and key; a plain <c>false</c> means disabled, as in a JSON rules file.
/// </summary>
internal sealed class GateRulesYamlReader
{
    private const string RulesKey = "rules";

    private readonly string _path;
    private readonly List<(string Name, string Value, int Line)> _entries = [];
    private readonly Dictionary<string, string> _anchors = new(StringComparer.Ordinal);
    private string? _lastKey;

    private GateRulesYamlReader(string path) => _path = path;

    public static List<(string Name, string Value, int Line)> Read(string text, string path) => new GateRulesYamlReader(path).ReadAll(text);

    private List<(string Name, string Value, int Line)> ReadAll(string text)
    {
        var path = _path;
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return _entries;
            }

            parser.Consume<DocumentStart>();
            if (parser.TryConsume<MappingStart>(out _))
            {
                ReadMapping(parser, nested: false);
            }
            else if (parser.TryConsume<Scalar>(out var scalar) && IsEmpty(scalar))
            {
                // A file of comments only: no rules, the gate says so if nothing else gives any.
            }
            else
            {
                var at = parser.Current!;
                throw Refuse(path, at.Start.Line, $"expected 'name: value' lines, got {Describe(at)}");
            }

            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                throw Refuse(path, next.Start.Line, "a rules file holds one YAML document, this is a second one");
            }
        }
        catch (YamlException e)
        {
            var after = _lastKey is null ? "" : $" at '{_lastKey}'";
            throw new GateInputException($"{path}:{e.Start.Line}: not valid YAML{after}: {Reason(e)}", e);
        }

        return _entries;
    }

    private void ReadMapping(IParser parser, bool nested)
    {
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.Accept<Scalar>(out var key))
            {
                var at = parser.Current!;
                throw Refuse(_path, at.Start.Line, $"a rule's name must be a plain word, got {Describe(at)}");
            }

            // Named before moving on: the parser reads the value as it steps past the key, and its errors name the key.
            _lastKey = key.Value;
            parser.MoveNext();
            var line = (int)key.Start.Line;
            var isParent = !nested && key.Value == RulesKey;
            if (parser.TryConsume<MappingStart>(out _))
            {
                if (!isParent)
                {
                    throw Refuse(_path, line, $"'{key.Value}' must be a number or a string, not a mapping (only '{RulesKey}' may hold other keys)");
                }

                ReadMapping(parser, nested: true);
            }
            else if (parser.Accept<SequenceStart>(out var sequence))
            {
                var what = isParent ? $"'{RulesKey}' must hold 'name: value' pairs" : $"'{key.Value}' must be a number or a string";
                throw Refuse(_path, sequence.Start.Line, what + ", not a list");
            }
            else if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var aliased))
                {
                    throw Refuse(_path, line, $"'{key.Value}' refers to *{alias.Value.Value}, which names no number or string before it");
                }

                _entries.Add((key.Value, aliased, line));
            }
            else
            {
                var value = parser.Consume<Scalar>();
                if (IsEmpty(value))
                {
                    if (isParent)
                    {
                        continue;
                    }

                    throw Refuse(_path, line, $"'{key.Value}' has no value (only '{RulesKey}:' may hold other keys)");
                }

                var text = value.Style == ScalarStyle.Plain && value.Value.Equals("false", StringComparison.OrdinalIgnoreCase) ? GateRules.Disabled : value.Value;
                if (!value.Anchor.IsEmpty)
                {
                    _anchors[value.Anchor.Value] = text;
                }

                _entries.Add((key.Value, text, line));
            }
        }
    }

    /// <summary>An empty plain scalar or YAML's null words: a key with nothing after it.</summary>
    private static bool IsEmpty(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static string Describe(ParsingEvent at) => at switch
    {
        SequenceStart => "a list",
        MappingStart => "a mapping",
        Scalar scalar => $"'{scalar.Value}'",
        _ => "something else",
    };

    /// <summary>The parser's own sentence without the position prefix it puts in front (the line is given already).</summary>
    private static string Reason(YamlException e)
    {
        var message = e.Message;
        var prefix = $"({e.Start}) - ({e.End}): ";
        message = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.') : "cannot be read";
    }

    private static GateInputException Refuse(string path, long line, string message) => new($"{path}:{line}: {message}");
}
