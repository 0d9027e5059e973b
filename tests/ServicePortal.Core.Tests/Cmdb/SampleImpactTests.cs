using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>The graph engine on the sample enterprise, as the Impact tab uses it.</summary>
public class SampleImpactTests(SampleDatabase sample) : IClassFixture<SampleDatabase>
{
    [Fact]
    public async Task CarrierFailure_TakesDownTheParcelServicesAndExplainsEachWithAPathFromTheCarrier()
    {
        var graph = Service();
        var carrier = await IdOf("SUP-SWIFTLINE");

        var report = await graph.WhatIfAsync([carrier]);

        Assert.NotEmpty(report.Summary.Services);
        Assert.Contains(report.Summary.Services, s => s.Key == "SVC-CARRIER-PARCEL" && s.Level == ImpactLevel.Down);
        foreach (var service in report.Summary.Services)
        {
            var path = report.Result.PathTo(service.NodeId);
            Assert.Equal(carrier, path.NodeIds[0]);
            Assert.Equal(service.NodeId, path.NodeIds[^1]);
            var sentence = path.Describe(report.Result.Index);
            Assert.StartsWith(service.Name, sentence, StringComparison.Ordinal);
            Assert.EndsWith(" " + report.Result.Index.Node(carrier).Name, sentence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Checkout_ReliesOnExternalSuppliersIncludingAPaymentGateway()
    {
        var graph = Service();

        var chain = await graph.SupplyChainAsync(await IdOf("SVC-CHECKOUT"));

        var external = chain.ExternalSuppliers.Select(id => chain.Index.Node(id).Key).ToList();
        Assert.NotEmpty(external);
        Assert.All(chain.DependencyIds, id => Assert.True(chain.PathTo(id).Length >= 1));
    }

    private CmdbGraphService Service()
    {
        var factory = sample;
        return new CmdbGraphService(new GraphIndexProvider(factory, Feeds.Eager(factory)), factory);
    }

    private async Task<int> IdOf(string key)
    {
        await using var db = sample.CreateContext();
        return await db.Nodes.Where(n => n.Key == key).Select(n => n.Id).SingleAsync();
    }
}
