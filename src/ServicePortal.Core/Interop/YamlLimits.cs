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

    /// <summary>
    /// <paramref name="parser"/>'s events, checked as they pass: a document is built from them in the same single
    /// parse, and the event that breaks a bound throws <see cref="YamlLimitException"/> before anything is built from it
    /// (so a collection as a mapping key is refused before the mapping hashes it).
    /// </summary>
    public static IParser Checked(IParser parser) => new CheckingParser(parser);

    private sealed class CheckingParser(IParser inner) : IParser
    {
        private readonly Stack<Frame> _stack = new();
        private int _aliases;
        private int _nodes;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            Check(inner.Current!);
            return true;
        }

        private void Check(ParsingEvent current)
        {
            var line = current.Start.Line;
            switch (current)
            {
                case DocumentStart:
                    _nodes = 0;
                    _stack.Clear();
                    return;
                case MappingEnd or SequenceEnd:
                    _stack.TryPop(out _);
                    return;
                case not (Scalar or AnchorAlias or MappingStart or SequenceStart):
                    return;
            }

            if (++_nodes > MaxNodesPerDocument)
            {
                throw new YamlLimitException($"a document holds more than {MaxNodesPerDocument:N0} values (line {line}); split it into smaller documents.");
            }

            if (_stack.TryPeek(out var parent) && parent.IsMapping)
            {
                if (parent.ExpectKey && current is not Scalar)
                {
                    throw new YamlLimitException($"a mapping key must be plain text (line {line}); an alias, list or mapping as a key is refused.");
                }

                parent.ExpectKey = !parent.ExpectKey;
            }

            if (current is AnchorAlias && ++_aliases > MaxAliases)
            {
                throw new YamlLimitException($"it uses more than {MaxAliases} aliases (*name), at line {line}; write the values out instead.");
            }

            if (current is MappingStart or SequenceStart)
            {
                _stack.Push(new Frame(current is MappingStart));
                if (_stack.Count > MaxDepth)
                {
                    throw new YamlLimitException($"it nests lists and mappings more than {MaxDepth} deep (line {line}).");
                }
            }
        }
    }
}

/// <summary>A YAML input beyond <see cref="YamlLimits"/>; the message says which bound and where.</summary>
internal sealed class YamlLimitException(string message) : Exception(message);
