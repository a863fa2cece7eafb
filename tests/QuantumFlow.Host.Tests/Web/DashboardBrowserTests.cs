using System.Globalization;
using System.Text.Json;
using QuantumFlow.Host.Tests.Inspection;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>
/// Opens the dashboard in headless Debian chromium (src/QuantumFlow.Host/ClientAssets/dashboard-check.mjs), waits until live
/// values are drawn (and, issue 16, that the page labels its hit rates, spans its heatmap, repeats no axis label, leaves no
/// hole in its top row and draws no axes of nothing), and saves the screenshot as a CI artifact: artifacts/dashboard.png at the repository root.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class DashboardBrowserTests(WebHostFixture host)
{
    public static string Screenshot => Repository.PathOf(Path.Combine("artifacts", "dashboard.png"));

    [Fact]
    public async Task The_dashboard_shows_live_book_and_predictions_in_a_browser()
    {
        JsonElement seen = await BrowserCheck.RunAsync("dashboard-check.mjs", host.BaseUrl, Screenshot, 25_000);
        Assert.Equal(WebHostFixture.Symbol, seen.GetProperty("symbol").GetString());
        Assert.True(decimal.TryParse(seen.GetProperty("mid").GetString(), NumberStyles.Any, CultureInfo.InvariantCulture, out decimal mid) && mid > 1000,
            $"mid shown: {seen.GetProperty("mid")}");
        Assert.Contains(seen.GetProperty("prediction").GetString(), new[] { "UP", "DOWN", "FLAT" });
        Assert.Equal(2, seen.GetProperty("models").GetInt32());
        Assert.Equal(24, seen.GetProperty("ladderRows").GetInt32());
        Assert.Equal("live", seen.GetProperty("connection").GetString());

        // Issue 16's dashboard defects, each as the browser draws it.
        // Two hit rates that count different things (trades on UP/DOWN calls; every call, FLAT included) say so.
        Assert.Contains("UP/DOWN", seen.GetProperty("paperHitLabel").GetString());
        Assert.Contains("FLAT", seen.GetProperty("ensembleHitLabel").GetString());
        // After 30 book updates the heatmap has drawn across all of its width, not only its rightmost strip.
        Assert.True(seen.GetProperty("books").GetInt32() >= 30);
        Assert.Equal(10, seen.GetProperty("heatmapBins").GetInt32());
        Assert.True(seen.GetProperty("repeatedTicks").GetArrayLength() == 0, $"axis labels repeated: {seen.GetProperty("repeatedTicks")}");
        int gap = seen.GetProperty("topRowGap").GetInt32();
        Assert.True(gap < 5, $"the top row leaves {gap} px empty");
        // With no data at all, every chart shows its note and no axes.
        JsonElement[] charts = [.. seen.GetProperty("emptyCharts").EnumerateArray()];
        Assert.Equal(5, charts.Length);
        foreach (JsonElement c in charts)
        {
            string id = c.GetProperty("chart").GetString()!;
            Assert.True(c.GetProperty("empty").GetBoolean(), $"{id} is not marked empty");
            Assert.True(c.GetProperty("canvasHidden").GetBoolean(), $"{id} draws its canvas with no data");
            Assert.StartsWith("waiting for", c.GetProperty("note").GetString());
        }
    }
}
