using System.Globalization;
using System.Text.Json;
using QuantumFlow.Host.Tests.Inspection;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>
/// Opens the dashboard in headless Debian chromium (src/QuantumFlow.Host/web/dashboard-check.mjs), waits until live
/// values are drawn, and saves the screenshot as a CI artifact: artifacts/dashboard.png at the repository root.
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
    }
}
