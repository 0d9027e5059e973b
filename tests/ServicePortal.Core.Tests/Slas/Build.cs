using ServicePortal.Core.Catalog;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Tests.Slas;

/// <summary>Hand-made inputs for the pure SLA rules; each test changes only what it is about with <c>with</c>.</summary>
internal static class Build
{
    public static SlaTargetTerms Target(int id = 1, int contractId = 10, int supplierId = 100, int serviceId = 1000, int tier = 2) => new(
        Id: id,
        Key: $"TGT-{id}",
        Name: $"Target {id}",
        Metric: SlaMetric.Availability,
        Unit: "%",
        Target: 99.9,
        Direction: TargetDirection.AtLeast,
        Period: MeasurementPeriod.Monthly,
        WarningBand: 0.05,
        ServiceCreditPercent: 5,
        ContractId: contractId,
        ContractReference: $"C-{contractId}",
        AnnualValue: 120_000m,
        Currency: "EUR",
        SupplierId: supplierId,
        SupplierKey: $"SUP-{supplierId}",
        SupplierName: $"Supplier {supplierId}",
        ServiceId: serviceId,
        ServiceKey: $"SVC-{serviceId}",
        ServiceName: $"Service {serviceId}",
        ServiceTier: tier);

    public static ServiceSummary Service(int id, int tier = 3, Lifecycle lifecycle = Lifecycle.Live, int? domainId = 1) =>
        new(id, $"SVC-{id}", $"Service {id}", tier, lifecycle, domainId, domainId is null ? null : $"DOM-{domainId}", domainId is null ? null : $"Domain {domainId}");

    public static ContractTerms Contract(
        int id, DateOnly start, DateOnly end, int supplierId = 100, int noticeDays = 90, ContractStatus status = ContractStatus.Active, ServiceSummary[]? services = null) =>
        new(id, $"C-{id}", $"Contract {id}", supplierId, $"Supplier {supplierId}", start, end, noticeDays, status, 120_000m, "EUR", services ?? []);

    public static SupplierSummary Supplier(int id = 100, string? name = null) =>
        new(id, $"SUP-{id}", name ?? $"Supplier {id}", SupplierCategory.Strategic, IsInternal: false);

    public static MeasuredValue Measured(SlaTargetTerms target, int year, int month, double value) =>
        new(target.Id, new DateOnly(year, month, 1), value);
}
