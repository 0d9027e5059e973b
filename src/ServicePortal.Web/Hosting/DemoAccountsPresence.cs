using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Identity;

namespace ServicePortal.Web.Hosting;

/// <summary>Whether any demo account (published password) exists; the shell shows a warning banner while one does.</summary>
public sealed class DemoAccountsPresence
{
    public bool Exist { get; set; }

    public async Task RefreshAsync(UserManager<PortalUser> users)
    {
        var emails = DemoAccounts.Accounts.Select(a => a.Email.ToUpperInvariant()).ToList();
        Exist = await users.Users.AnyAsync(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail));
    }
}
