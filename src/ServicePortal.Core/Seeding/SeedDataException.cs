namespace ServicePortal.Core.Seeding;

/// <summary>
/// The seed folder has problems; nothing was stored. <see cref="Problems"/> lists every one of them, each naming
/// the file, the item (1-based index and key) and what is wrong.
/// </summary>
public sealed class SeedDataException : Exception
{
    public SeedDataException(IReadOnlyList<string> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems)
    {
        const int shown = 20;
        var lines = problems.Take(shown).Select(p => "  - " + p);
        var more = problems.Count > shown ? $"{Environment.NewLine}  … and {problems.Count - shown} more" : "";
        return $"The seed data has {problems.Count} problem(s); nothing was stored:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
