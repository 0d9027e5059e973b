using System.Globalization;
using ServicePortal.Core.Slas;

namespace ServicePortal.Web.Features.Slas;

/// <summary>Amounts as the SLA pages show them: "1,250.00 EUR"; several currencies side by side, never added.</summary>
public static class MoneyText
{
    public static string Format(Money money) => $"{money.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)} {money.Currency}";

    public static string Format(IReadOnlyList<Money> amounts) => amounts.Count == 0 ? "none" : string.Join(" + ", amounts.Select(Format));
}
