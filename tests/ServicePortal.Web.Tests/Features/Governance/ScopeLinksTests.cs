using ServicePortal.Core.Governance;
using ServicePortal.Web.Features.Governance;

namespace ServicePortal.Web.Tests.Features.Governance;

public sealed class ScopeLinksTests
{
    private static readonly string[][] Templates = typeof(ScopeLinks).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), inherit: false).Cast<Microsoft.AspNetCore.Components.RouteAttribute>())
        .Select(r => r.Template.Trim('/').Split('/'))
        .ToArray();

    [Theory]
    [InlineData(ScopeType.Domain, "/governance/domains/pay%20ments")]
    [InlineData(ScopeType.Service, "/catalog/services/hr%2Fpayroll")]
    [InlineData(ScopeType.Practice, "/score/practices/PRC-INCIDENT")]
    [InlineData(ScopeType.Supplier, "/suppliers/payco")]
    public void EachScopeLinksToThePageOfWhatItIs_KeysEscaped(ScopeType type, string expected)
    {
        var key = expected.Split('/')[^1];

        var link = ScopeLinks.Of(Row(type, Uri.UnescapeDataString(key)));

        Assert.Equal(expected, link);
        var segments = link!.Trim('/').Split('/');
        Assert.Contains(Templates, t => t.Length == segments.Length && t.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second));
    }

    [Fact]
    public void TheEnterpriseAndAMissingScopeHaveNoLink()
    {
        Assert.Null(ScopeLinks.Of(Row(ScopeType.Enterprise, "enterprise") with { ScopeId = null }));
        Assert.Null(ScopeLinks.Of(Row(ScopeType.Service, "?")));
    }

    private static AssignmentRow Row(ScopeType type, string key) =>
        new(1, 2, "Ann", false, 3, "ROLE", "Role", type, 4, key, "Name", Raci.Accountable, false);
}
