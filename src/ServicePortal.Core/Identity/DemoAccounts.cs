using Microsoft.AspNetCore.Identity;

namespace ServicePortal.Core.Identity;

/// <summary>The sign-in roles, and the demo accounts of the sample portal (only when <c>SeedDemoUsers</c> is true).</summary>
public sealed class DemoAccounts(UserManager<PortalUser> users, RoleManager<IdentityRole> roles)
{
    public const string Password = "ServicePortal-demo-1";

    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        ("admin@demo.local", "Alex Admin", PortalRoles.Admin),
        ("cio@demo.local", "Claire Conductor (CIO)", PortalRoles.Cio),
        ("governance@demo.local", "Gabriel Governance", PortalRoles.GovernanceStaff),
        ("supplier@demo.local", "Sam Supplier-Manager", PortalRoles.SupplierManager),
        ("viewer@demo.local", "Val Viewer", PortalRoles.Viewer),
    ];

    public async Task EnsureRolesAsync()
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }
    }

    /// <summary>Creates the demo accounts that do not exist yet; returns how many were created.</summary>
    public async Task<int> EnsureDemoUsersAsync()
    {
        var created = 0;
        foreach (var (email, name, role) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user, Password), email);
            Check(await users.AddToRoleAsync(user, role), email);
            created++;
        }

        return created;
    }

    /// <summary>True while any demo account exists (the shell then shows a warning banner).</summary>
    public static bool IsDemoAccount(string? email) =>
        email is not null && Accounts.Any(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
