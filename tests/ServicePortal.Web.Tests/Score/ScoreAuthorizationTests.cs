using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Score;

/// <summary>The common score's authorization matrix, as the running host's policies decide it.</summary>
public class ScoreAuthorizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(PortalRoles.Admin, true, false)]
    [InlineData(PortalRoles.GovernanceStaff, true, false)]
    [InlineData(PortalRoles.Cio, false, true)]
    [InlineData(PortalRoles.SupplierManager, false, false)]
    [InlineData(PortalRoles.Viewer, false, false)]
    public async Task EditTheDraftAndPublish_FollowTheRole(string role, bool mayEdit, bool mayPublish)
    {
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "test"));

        var edit = await authorization.AuthorizeAsync(user, PortalPolicies.EditScore);
        var publish = await authorization.AuthorizeAsync(user, PortalPolicies.PublishScore);

        Assert.Equal(mayEdit, edit.Succeeded);
        Assert.Equal(mayPublish, publish.Succeeded);
    }

    [Theory]
    [InlineData("/score")]
    [InlineData("/score/history")]
    [InlineData("/governance")]
    [InlineData("/governance/raci")]
    [InlineData("/governance/people")]
    [InlineData("/governance/roles")]
    [InlineData("/governance/assignments")]
    public async Task EveryoneSignedInReadsTheScorePages_AnonymousIsSentToSignIn(string path)
    {
        var anonymous = factory.CreateBrowserLikeClient();
        var viewer = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(viewer, "viewer@demo.local", DemoAccounts.Password);

        var refused = await anonymous.GetAsync(path);
        var read = await viewer.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
    }
}
