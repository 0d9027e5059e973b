using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ServicePortal.Core.Interop;

/// <summary>
/// Bounds on the work a YAML input may cause, checked on the parser's events before any document is built. A few
/// hundred bytes of aliases can describe a tree of billions of nodes; building it is cheap (aliases share their node),
/// but comparing or hashing it is not, and a mapping key is hashed. So: mapping keys are plain scalars (an alias or a
/// collection as a key is refused), at most <see cref="MaxAliases"/> aliases per file, nesting at most
/// <see cref="MaxDepth"/> deep and at most <see cref="MaxNodesPerDocument"/> values per document. Each refusal says why.
/// </summary>
internal static class YamlLimits
{
    public const int MaxAliases = 100;

    public const int MaxDepth = 32;

    public const int MaxNodesPerDocument = 100_000;

    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;

        public bool ExpectKey { get; set; } = true;
    }

    /// <summary>Null when <paramref name="yaml"/> stays within the bounds, else the reason, naming the line.</summary>
    public static string? Check(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var stack = new Stack<Frame>();
        var aliases = 0;
        var nodes = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var line = current.Start.Line;
            switch (current)
            {
                case DocumentStart:
                    nodes = 0;
                    stack.Clear();
                    continue;
                case MappingEnd or SequenceEnd:
                    stack.TryPop(out _);
                    continue;
                case not (Scalar or AnchorAlias or MappingStart or SequenceStart):
                    continue;
            }

            if (++nodes > MaxNodesPerDocument)
            {
                return $"a document holds more than {MaxNodesPerDocument:N0} values (line {line}); split it into smaller documents.";
            }

            if (stack.TryPeek(out var parent) && parent.IsMapping)
            {
                if (parent.ExpectKey && current is not Scalar)
                {
                    return $"a mapping key must be plain text (line {line}); an alias, list or mapping as a key is refused.";
                }

                parent.ExpectKey = !parent.ExpectKey;
            }

            if (current is AnchorAlias && ++aliases > MaxAliases)
            {
                return $"it uses more than {MaxAliases} aliases (*name), at line {line}; write the values out instead.";
            }

            if (current is MappingStart or SequenceStart)
            {
                stack.Push(new Frame(current is MappingStart));
                if (stack.Count > MaxDepth)
                {
                    return $"it nests lists and mappings more than {MaxDepth} deep (line {line}).";
                }
            }
        }

        return null;
    }
}
