using ServicePortal.Core.Catalog;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Tests.Slas;

public class ContractAlertsTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly End = new(2026, 12, 31);

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(45, true)]
    [InlineData(90, true)]
    public void NoticeWindow_RunsFromEndDateMinusNoticeDaysUpToTheEndDateInclusive(int daysIntoWindow, bool expected)
    {
        var contract = Build.Contract(1, Start, End, noticeDays: 90);
        var today = End.AddDays(-90 + daysIntoWindow);

        var alerts = ContractAlerts.Evaluate([contract], today);

        Assert.Equal(expected, alerts.Any(a => a.Kind == ContractAlertKind.InNoticeWindow));
    }

    [Fact]
    public void NoticeWindowAlert_TellsTheDaysLeftAndTheNoticeDate()
    {
        var contract = Build.Contract(1, Start, End, noticeDays: 60);

        var alert = Assert.Single(ContractAlerts.Evaluate([contract], End.AddDays(-10)));

        Assert.Equal(10, alert.DaysToEnd);
        Assert.Equal(End.AddDays(-60), alert.NoticeDate);
        Assert.Contains(contract.Reference, alert.Message);
    }

    [Fact]
    public void EndedContract_CoveringALiveService_AlertsTheDayAfterItsEndDate()
    {
        var live = Build.Service(1);
        var contract = Build.Contract(1, Start, End, services: [live]);

        var onEndDate = ContractAlerts.Evaluate([contract], End);
        var dayAfter = ContractAlerts.Evaluate([contract], End.AddDays(1));

        Assert.Equal(ContractAlertKind.InNoticeWindow, Assert.Single(onEndDate).Kind);
        var alert = Assert.Single(dayAfter);
        Assert.Equal(ContractAlertKind.ExpiredWithLiveServices, alert.Kind);
        Assert.Equal([live], alert.LiveServices);
        Assert.Equal(-1, alert.DaysToEnd);
    }

    [Fact]
    public void EndedContract_CoveringOnlyRetiredOrPipelineServices_DoesNotAlert()
    {
        var contract = Build.Contract(1, Start, End, services: [Build.Service(1, lifecycle: Lifecycle.Retired), Build.Service(2, lifecycle: Lifecycle.Pipeline)]);

        var alerts = ContractAlerts.Evaluate([contract], End.AddDays(30));

        Assert.Empty(alerts);
    }

    [Theory]
    [InlineData(ContractStatus.Terminated)]
    [InlineData(ContractStatus.Expired)]
    public void TerminatedOrExpiredStatus_CountsAsEndedBeforeTheEndDate(ContractStatus status)
    {
        var contract = Build.Contract(1, Start, End, status: status, services: [Build.Service(1)]);

        var alert = Assert.Single(ContractAlerts.Evaluate([contract], new DateOnly(2025, 6, 1)));

        Assert.Equal(ContractAlertKind.ExpiredWithLiveServices, alert.Kind);
    }

    [Fact]
    public void DraftContract_NeverAlerts()
    {
        var contract = Build.Contract(1, Start, End, status: ContractStatus.Draft, services: [Build.Service(1)]);

        var inWindow = ContractAlerts.Evaluate([contract], End.AddDays(-1));
        var afterEnd = ContractAlerts.Evaluate([contract], End.AddDays(1));

        Assert.Empty(inWindow);
        Assert.Empty(afterEnd);
    }

    [Fact]
    public void RenewalInForce_SilencesTheEndedContractOnlyForTheServicesItCovers()
    {
        var renewed = Build.Service(1);
        var notRenewed = Build.Service(2);
        var old = Build.Contract(1, Start, End, services: [renewed, notRenewed]);
        var renewal = Build.Contract(2, End.AddDays(1), End.AddYears(3), services: [renewed]);

        var alerts = ContractAlerts.Evaluate([old, renewal], End.AddDays(5));

        var alert = Assert.Single(alerts);
        Assert.Equal(old.Id, alert.Contract.Id);
        Assert.Equal([notRenewed], alert.LiveServices);
    }

    [Fact]
    public void RenewalNotYetStarted_DoesNotSilenceTheEndedContract()
    {
        var service = Build.Service(1);
        var old = Build.Contract(1, Start, End, services: [service]);
        var renewal = Build.Contract(2, End.AddDays(30), End.AddYears(3), services: [service]);

        var alerts = ContractAlerts.Evaluate([old, renewal], End.AddDays(5));

        Assert.Equal(old.Id, Assert.Single(alerts).Contract.Id);
    }
}
