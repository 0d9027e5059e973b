using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Tests.Slas;

/// <summary>
/// A small supplier story in a real database: PayCo delivers Checkout (tier 1) and Reporting (tier 3) under one
/// contract, with a monthly availability target and a quarterly response-time target; Fraud check is provided by
/// PayCo without a contract. ShipCo delivers Delivery tracking (tier 2) under a second contract.
/// </summary>
internal sealed record SlaScenario(
    int PayCoId, int ShipCoId, int CheckoutId, int ReportingId, int FraudCheckId, int TrackingId, int PayContractId, int ShipContractId,
    int AvailabilityTargetId, int ResponseTargetId, int TrackingTargetId)
{
    public const string AvailabilityKey = "PAY-AVAIL";
    public const string ResponseKey = "PAY-RESP";
    public const string TrackingKey = "SHIP-AVAIL";
    public static readonly DateOnly PayContractEnd = new(2026, 12, 31);

    public static async Task<SlaScenario> SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var domain = new Domain { Key = "payments", Name = "Payments" };
        var payCo = new Supplier { Key = "PAYCO", Name = "PayCo", Category = SupplierCategory.Strategic };
        var shipCo = new Supplier { Key = "SHIPCO", Name = "ShipCo", Category = SupplierCategory.Tactical };
        var checkout = new Service { Key = "checkout", Name = "Checkout", Tier = 1, Domain = domain, Sourcing = Sourcing.External };
        var reporting = new Service { Key = "reporting", Name = "Reporting", Tier = 3, Domain = domain };
        var fraudCheck = new Service { Key = "fraud-check", Name = "Fraud check", Tier = 2, Domain = domain };
        var tracking = new Service { Key = "tracking", Name = "Delivery tracking", Tier = 2 };
        var payContract = new Contract
        {
            Reference = "C-PAY", Title = "Payment gateway", Supplier = payCo, StartDate = new DateOnly(2024, 1, 1), EndDate = PayContractEnd,
            NoticePeriodDays = 90, AnnualValue = 120_000m, Currency = "EUR", Services = [checkout, reporting],
        };
        var shipContract = new Contract
        {
            Reference = "C-SHIP", Title = "Carrier API", Supplier = shipCo, StartDate = new DateOnly(2024, 1, 1), EndDate = new DateOnly(2028, 12, 31),
            NoticePeriodDays = 60, AnnualValue = 48_000m, Currency = "USD", Services = [tracking],
        };
        var availability = new SlaTarget
        {
            Key = AvailabilityKey, Name = "Checkout availability", Contract = payContract, Service = checkout, Metric = SlaMetric.Availability,
            Unit = "%", Target = 99.9, Direction = TargetDirection.AtLeast, Period = MeasurementPeriod.Monthly, WarningBand = 0.05, ServiceCreditPercent = 5,
        };
        var response = new SlaTarget
        {
            Key = ResponseKey, Name = "Reporting response", Contract = payContract, Service = reporting, Metric = SlaMetric.ResponseTime,
            Unit = "min", Target = 30, Direction = TargetDirection.AtMost, Period = MeasurementPeriod.Quarterly, WarningBand = 5, ServiceCreditPercent = 2,
        };
        var trackingTarget = new SlaTarget
        {
            Key = TrackingKey, Name = "Tracking availability", Contract = shipContract, Service = tracking, Metric = SlaMetric.Availability,
            Unit = "%", Target = 99.5, Direction = TargetDirection.AtLeast, Period = MeasurementPeriod.Monthly, WarningBand = 0, ServiceCreditPercent = 10,
        };
        db.AddRange(availability, response, trackingTarget, fraudCheck);
        db.Relationships.Add(new Relationship { Source = fraudCheck, Target = payCo, Type = RelationshipType.ProvidedBy });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new SlaScenario(
            payCo.Id, shipCo.Id, checkout.Id, reporting.Id, fraudCheck.Id, tracking.Id, payContract.Id, shipContract.Id,
            availability.Id, response.Id, trackingTarget.Id);
    }

    public static async Task AddMeasurementsAsync(TestDatabase database, int targetId, params (int Year, int Month, double Value)[] values)
    {
        await using var db = database.CreateDbContext();
        db.SlaMeasurements.AddRange(values.Select(v => new SlaMeasurement { SlaTargetId = targetId, PeriodStart = new DateOnly(v.Year, v.Month, 1), Value = v.Value }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
