using Bogus;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Tests;

/// <summary>
/// Test-data builders for this project. Every faker uses <see cref="Seed"/>, so values are the same on every run;
/// keys also carry a process-wide sequence number so that entities built in one test never collide.
/// Add builders for new entities here rather than in individual test classes.
/// </summary>
public static class Builders
{
    public const int Seed = 20261121;

    private static int _sequence;

    public static Faker<Domain> Domains => new Faker<Domain>()
        .UseSeed(Seed)
        .CustomInstantiator(f => new Domain
        {
            Key = NextKey("DOM"),
            Name = $"{f.Commerce.Department()} {NextNumber()}",
            Description = f.Lorem.Sentence(),
        });

    public static Faker<Service> Services => new Faker<Service>()
        .UseSeed(Seed)
        .CustomInstantiator(f => new Service
        {
            Key = NextKey("SVC"),
            Name = $"{f.Commerce.ProductName()} service",
            Description = f.Lorem.Sentence(),
            Kind = f.PickRandom<ServiceKind>(),
            Tier = f.Random.Int(Catalog.Service.HighestTier, Catalog.Service.LowestTier),
            Sourcing = Sourcing.Internal,
            Lifecycle = Lifecycle.Live,
            Status = OperationalStatus.Healthy,
        });

    public static Faker<ConfigurationItem> ConfigurationItems => new Faker<ConfigurationItem>()
        .UseSeed(Seed)
        .CustomInstantiator(f => new ConfigurationItem
        {
            Key = NextKey("CI"),
            Name = $"srv-{f.Random.AlphaNumeric(6)}",
            CiType = f.PickRandom<CiType>(),
            Location = f.PickRandom("Data centre AMS1", "Cloud eu-west-1"),
        });

    public static Faker<Supplier> Suppliers => new Faker<Supplier>()
        .UseSeed(Seed)
        .CustomInstantiator(f => new Supplier
        {
            Key = NextKey("SUP"),
            Name = $"{f.Company.CompanyName()} {NextNumber()}",
            IsInternal = f.Random.Bool(),
            Category = f.PickRandom<SupplierCategory>(),
            RiskRating = f.PickRandom<RiskRating>(),
            ContactEmail = f.Internet.Email(),
        });

    public static Domain Domain() => Domains.Generate();

    public static Service Service(Domain? domain = null)
    {
        var service = Services.Generate();
        service.Domain = domain;
        return service;
    }

    public static ConfigurationItem ConfigurationItem() => ConfigurationItems.Generate();

    public static Supplier Supplier() => Suppliers.Generate();

    private static int NextNumber() => Interlocked.Increment(ref _sequence);

    private static string NextKey(string prefix) => $"{prefix}-T{NextNumber():D5}";
}
