using Microsoft.AspNetCore.Components;
using ServicePortal.Core.Governance;
using ServicePortal.Web.Features.Governance;

namespace ServicePortal.Web.Tests.Features.Governance;

public sealed class GapLinksTests
{
    private static readonly string[][] Templates = typeof(GapLinks).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
        .Select(r => r.Template.Trim('/').Split('/'))
        .ToArray();

    [Theory]
    [MemberData(nameof(EntityTypes))]
    public void EveryGapLinksToAPageThatExists(GapEntityType type)
    {
        var gap = new GovernanceGap("rule", "Rule", GapSeverity.High, type, 7, "some key/1", "Name", "Message", DomainId: null);

        var link = GapLinks.Fix(gap);

        var segments = link.Split('?')[0].Trim('/').Split('/');
        Assert.Contains(Templates, t => t.Length == segments.Length && t.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second));
    }

    [Fact]
    public void AContractGapOpensTheContractsNarrowedToIt()
    {
        var gap = new GovernanceGap("rule", "Rule", GapSeverity.High, GapEntityType.Contract, 3, "C-PAY 1", "Card", "Message");

        Assert.Equal("/slas/contracts?contract=C-PAY%201", GapLinks.Fix(gap));
    }

    [Fact]
    public void KeysAreEscapedInTheLink()
    {
        var gap = new GovernanceGap("rule", "Rule", GapSeverity.High, GapEntityType.Service, 3, "hr/payroll eu", "Payroll", "Message");

        Assert.Equal("/catalog/services/hr%2Fpayroll%20eu", GapLinks.Fix(gap));
    }

    public static TheoryData<GapEntityType> EntityTypes() => new(Enum.GetValues<GapEntityType>());
}
