using System.Globalization;
using System.Text;
using CsvHelper;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Interop;

namespace ServicePortal.Core.Tests.Interop;

/// <summary>Every CSV export neutralises text a spreadsheet would run as a formula, and the catalog lists still read back unchanged.</summary>
public class CsvExportTests
{
    private static readonly string[] Formulas = ["=HYPERLINK(\"http://example.invalid\")", "+1+1", "-2+3", "@SUM(A1)", "\tindent", "'=already quoted"];

    [Theory]
    [InlineData(CsvEntity.Services)]
    [InlineData(CsvEntity.ConfigurationItems)]
    [InlineData(CsvEntity.Suppliers)]
    [InlineData(CsvEntity.Domains)]
    public async Task CatalogLists_NeutraliseFormulas_AndReadBackUnchanged(CsvEntity entity)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var editor = new CatalogEditor(database, TimeProvider.System);
        for (var i = 0; i < Formulas.Length; i++)
        {
            var formula = Formulas[i].TrimStart('\t');
            var saved = entity switch
            {
                CsvEntity.Services => (await editor.SaveAsync(new ServiceForm { Key = $"K-{i}", Name = $"{formula} {i}", Description = Formulas[i] })).Summary,
                CsvEntity.ConfigurationItems => (await editor.SaveAsync(new ConfigurationItemForm { Key = $"K-{i}", Name = $"{formula} {i}", Location = formula, Description = Formulas[i] })).Summary,
                CsvEntity.Suppliers => (await editor.SaveAsync(new SupplierForm { Key = $"K-{i}", Name = $"{formula} {i}", ContactName = formula, ContactPhone = "+44 20 7946 0000", Description = Formulas[i] })).Summary,
                _ => (await editor.SaveDomainAsync(new DomainForm { Key = $"K-{i}", Name = $"{formula} {i}", Description = Formulas[i] })).Summary,
            };
            Assert.Equal("", saved);
        }

        var writer = new StringWriter();
        await new CatalogCsv(database).WriteAsync(entity, writer);
        var before = await database.CountsAsync();
        var preview = await new CatalogImport(database, TimeProvider.System).PreviewAsync(ImportFormatOf(entity), Encoding.UTF8.GetBytes(writer.ToString()));

        AssertNoFormulaCells(writer.ToString());
        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        Assert.Equal(Formulas.Length, preview.UnchangedCount);
        Assert.Equal(before, await database.CountsAsync());
    }

    [Fact]
    public void RaciMatrix_NeutralisesFormulasInRoleAndHolderNames()
    {
        var role = new RoleRow(1, 1, "ROLE", "=cmd|' /C calc'!A0", null, 1);
        var cells = new Dictionary<int, IReadOnlyList<RaciHolder>> { [1] = [new RaciHolder(1, 1, "+Person", Raci.Accountable)] };
        var matrix = new RaciMatrix(RaciView.Services, [role], [new RaciRow(1, "SVC-1", "@evil", "-domain", cells)], null, null, true);

        AssertNoFormulaCells(matrix.ToCsv());
    }

    [Fact]
    public void TheOneRule_PrefixesAnApostrophe_AndReadingRemovesItAgain()
    {
        foreach (var text in Formulas.Append("plain").Append("'plain").Append("''"))
        {
            var written = CsvText.Neutralise(text);

            Assert.False(written.Length > 0 && written[0] is '=' or '+' or '-' or '@' or '\t' or '\r', written);
            Assert.Equal(text, CsvText.Restore(written));
        }
    }

    private static void AssertNoFormulaCells(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        while (reader.Read())
        {
            foreach (var cell in reader.Parser.Record ?? [])
            {
                Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"'{cell}' would run as a formula");
            }
        }
    }

    private static ImportFormat ImportFormatOf(CsvEntity entity) => entity switch
    {
        CsvEntity.Services => ImportFormat.ServicesCsv,
        CsvEntity.ConfigurationItems => ImportFormat.ConfigurationItemsCsv,
        CsvEntity.Suppliers => ImportFormat.SuppliersCsv,
        _ => ImportFormat.DomainsCsv,
    };
}
