using System.Globalization;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Slas;

public enum ContractAlertKind
{
    /// <summary>The contract's notice period is running: today ≥ EndDate − NoticePeriodDays and today ≤ EndDate.</summary>
    InNoticeWindow,

    /// <summary>The contract has ended but live services still rely on it, and no other contract in force covers them.</summary>
    ExpiredWithLiveServices,
}

/// <param name="NoticeDate">EndDate − NoticePeriodDays: the last day to give notice without entering the notice period.</param>
/// <param name="DaysToEnd">Days from today to EndDate; negative once the contract has ended.</param>
/// <param name="LiveServices">The contract's live services; for an expired contract only those no other contract covers.</param>
public sealed record ContractAlert(
    ContractAlertKind Kind,
    ContractTerms Contract,
    DateOnly NoticeDate,
    int DaysToEnd,
    IReadOnlyList<ServiceSummary> LiveServices)
{
    public string Message => Kind switch
    {
        ContractAlertKind.InNoticeWindow =>
            $"Contract {Contract.Reference} ends on {Date(Contract.EndDate)} ({DaysToEnd} days); its {Contract.NoticePeriodDays}-day notice period started on {Date(NoticeDate)}.",
        _ =>
            $"Contract {Contract.Reference} ended on {Date(Contract.EndDate)} but still covers {LiveServices.Count} live service(s): {string.Join(", ", LiveServices.Select(s => s.Name))}.",
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Contracts that need a supplier manager's attention today.
/// <list type="bullet">
/// <item>Draft contracts are not in force and never alert.</item>
/// <item>A contract has <b>ended</b> when today is after its EndDate, or its status is Expired or Terminated.</item>
/// <item><see cref="ContractAlertKind.InNoticeWindow"/>: not ended, and EndDate − NoticePeriodDays ≤ today ≤ EndDate.</item>
/// <item><see cref="ContractAlertKind.ExpiredWithLiveServices"/>: ended, and at least one covered live service is not
/// covered by another contract in force today (Active, StartDate ≤ today ≤ EndDate), so a renewal under a new
/// contract silences the alert of the old one.</item>
/// </list>
/// </summary>
public static class ContractAlerts
{
    /// <param name="contracts">Every contract to check, and every contract that may cover the same services (renewals).</param>
    public static IReadOnlyList<ContractAlert> Evaluate(IReadOnlyCollection<ContractTerms> contracts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var coveredToday = contracts
            .Where(c => IsInForce(c, today))
            .SelectMany(c => c.Services.Select(s => (ServiceId: s.Id, ContractId: c.Id)))
            .ToLookup(x => x.ServiceId, x => x.ContractId);

        var alerts = new List<ContractAlert>();
        foreach (var contract in contracts.Where(c => c.Status != ContractStatus.Draft))
        {
            var noticeDate = contract.EndDate.AddDays(-contract.NoticePeriodDays);
            var daysToEnd = contract.EndDate.DayNumber - today.DayNumber;
            var live = contract.Services.Where(s => s.Lifecycle == Lifecycle.Live).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
            if (HasEnded(contract, today))
            {
                var uncovered = live.Where(s => !coveredToday[s.Id].Any(id => id != contract.Id)).ToList();
                if (uncovered.Count > 0)
                {
                    alerts.Add(new ContractAlert(ContractAlertKind.ExpiredWithLiveServices, contract, noticeDate, daysToEnd, uncovered));
                }
            }
            else if (today >= noticeDate)
            {
                alerts.Add(new ContractAlert(ContractAlertKind.InNoticeWindow, contract, noticeDate, daysToEnd, live));
            }
        }

        return alerts
            .OrderBy(a => a.Kind == ContractAlertKind.ExpiredWithLiveServices ? 0 : 1)
            .ThenBy(a => a.Contract.EndDate)
            .ThenBy(a => a.Contract.Reference, StringComparer.Ordinal)
            .ToList();
    }

    public static bool HasEnded(ContractTerms contract, DateOnly today) =>
        today > contract.EndDate || contract.Status is ContractStatus.Expired or ContractStatus.Terminated;

    public static bool IsInForce(ContractTerms contract, DateOnly day) =>
        contract.Status == ContractStatus.Active && contract.StartDate <= day && day <= contract.EndDate;
}
