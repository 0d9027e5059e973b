using System.Text;
using ServicePortal.Core.Governance;

namespace ServicePortal.Web.Features.Governance;

/// <summary><c>GET /score/raci.csv?view=practices|services&amp;domain=KEY</c>: the RACI matrix as a CSV download, for any signed-in user.</summary>
public static class RaciCsvEndpoint
{
    public static IEndpointRouteBuilder MapRaciCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/score/raci.csv", async (string? view, string? domain, RaciMatrixService matrices, CancellationToken cancellationToken) =>
            {
                var raciView = RaciView.Practices;
                if (view is not null && !Enum.TryParse(view, ignoreCase: true, out raciView))
                {
                    return Results.Problem($"view must be 'practices' or 'services', not '{view}'.", statusCode: StatusCodes.Status400BadRequest);
                }

                var matrix = await matrices.BuildAsync(raciView, string.IsNullOrWhiteSpace(domain) ? null : domain, cancellationToken);
                var name = $"raci-{raciView.ToString().ToLowerInvariant()}{(matrix.DomainKey is null ? "" : "-" + matrix.DomainKey)}.csv";
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(matrix.ToCsv())).ToArray(), "text/csv; charset=utf-8", name);
            })
            .RequireAuthorization()
            .WithName("RaciCsv");
        return endpoints;
    }
}
