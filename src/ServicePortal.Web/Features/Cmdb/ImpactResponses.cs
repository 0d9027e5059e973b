using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Web.Features.Cmdb;

/// <summary>An impact response as sent: its JSON and an ETag made from those bytes.</summary>
public sealed record RenderedImpact(byte[] Json, string ETag);

/// <summary>
/// The impact API's responses kept as JSON with each <see cref="ImpactReport"/> they were made from, per asked node
/// (key and name as read) and page (skip, take, node type). A response is a function of exactly those: the same
/// report instance means the same walk on the same index, lookups and day (see <see cref="CmdbGraphService"/>), so a
/// kept response is byte for byte what paging, paths and serialising again would give. Nothing here needs its own
/// invalidation: a change the feed reports makes <see cref="CmdbGraphService"/> hand out a new report (a new index
/// drops the old reports, new lookups or a new day make a new summary), which has no kept responses; the old
/// report's go with it (they hang off it through a <see cref="ConditionalWeakTable{TKey, TValue}"/>).
/// At most <see cref="PagesPerReport"/> pages are kept per report (a client paging through a hub's 92k nodes would
/// otherwise keep all of them); past that the report's kept pages are dropped and keeping starts again.
/// </summary>
public sealed class ImpactResponses
{
    /// <summary>Pages kept per report (each ~100 KB at the worst hub of 100k nodes with the default take of 200).</summary>
    public const int PagesPerReport = 4;

    private readonly ConditionalWeakTable<ImpactReport, ConcurrentDictionary<PageKey, RenderedImpact>> _kept = [];
    private int _rendered;

    /// <summary>How many responses were rendered rather than taken from the kept ones (diagnostics and tests).</summary>
    public int Rendered => Volatile.Read(ref _rendered);

    /// <summary>The response for this page of this report: kept, or made by <paramref name="render"/> and kept.</summary>
    public RenderedImpact Get(ImpactReport report, PageKey page, Func<byte[]> render)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(render);
        var pages = _kept.GetValue(report, _ => new ConcurrentDictionary<PageKey, RenderedImpact>());
        if (pages.TryGetValue(page, out var kept))
        {
            return kept;
        }

        var json = render();
        Interlocked.Increment(ref _rendered);
        var made = new RenderedImpact(json, ETagOf(json));
        if (pages.Count >= PagesPerReport)
        {
            pages.Clear();
        }

        return pages.GetOrAdd(page, made);
    }

    /// <summary>A strong ETag from the bytes (SHA-256, 96 bits of it): equal on every instance for equal responses.</summary>
    public static string ETagOf(ReadOnlySpan<byte> json)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(json, hash);
        return $"\"{Convert.ToBase64String(hash[..12]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"";
    }

    /// <summary>What a response depends on besides its report.</summary>
    public readonly record struct PageKey(string NodeKey, string NodeName, int Skip, int Take, NodeType? NodeType);
}
