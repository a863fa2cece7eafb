using System.Text.Json;
using QuantumFlow.Host.Tests.Inspection;
using QuantumFlow.Host.Tests.Web;

namespace QuantumFlow.Host.Tests.Esg;

/// <summary>
/// The /esg page in headless Debian chromium (src/QuantumFlow.Host/ClientAssets/esg-check.mjs), served by the same web host as
/// the dashboard: scorecards render with the shipped companies, the what-if sliders get the server's answer, the alert
/// filter and the profile switch work. Screenshot: artifacts/esg.png.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class EsgBrowserTests(WebHostFixture host)
{
    [Fact]
    public async Task The_esg_page_renders_and_its_what_if_sliders_and_filters_work_in_a_browser()
    {
        JsonElement seen = await BrowserCheck.RunAsync("esg-check.mjs", host.BaseUrl, Repository.PathOf(Path.Combine("artifacts", "esg.png")), 20_000);
        // The first scorecard is TechCorp under the original profile: the spec's hand-checked 82.82 AAA.
        Assert.Equal("82.82", seen.GetProperty("overall").GetString());
        Assert.Equal("AAA", seen.GetProperty("rating").GetString());
        Assert.StartsWith("11", seen.GetProperty("alerts").GetString());
        Assert.Equal("72.41", seen.GetProperty("portfolioScore").GetString());
        Assert.True(seen.GetProperty("charts").GetBoolean(), "Chart.js was not served at /lib");
        Assert.StartsWith("+", seen.GetProperty("whatIfDelta").GetString());
        Assert.Equal(6, seen.GetProperty("highAlerts").GetInt32());
        Assert.NotEqual("82.82", seen.GetProperty("recommendedOverall").GetString());
    }
}
