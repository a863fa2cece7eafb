using System.Diagnostics;
using System.Text.Json;
using QuantumFlow.Host.Tests.Inspection;
using QuantumFlow.Host.Tests.Web;

namespace QuantumFlow.Host.Tests.Esg;

/// <summary>
/// The /esg page in headless Debian chromium (src/QuantumFlow.Host/web/esg-check.mjs through npm playwright-core), served
/// by the same web host as the dashboard: scorecards render with the shipped companies, the what-if sliders get the
/// server's answer, the alert filter and the profile switch work. Screenshot: artifacts/esg.png.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class EsgBrowserTests(WebHostFixture host)
{
    [Fact]
    public async Task The_esg_page_renders_and_its_what_if_sliders_and_filters_work_in_a_browser()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "the browser test needs Debian's chromium: scripts/chromium.sh installs it");
        string script = Repository.PathOf(Path.Combine("src", "QuantumFlow.Host", "web", "esg-check.mjs"));
        string shot = Repository.PathOf(Path.Combine("artifacts", "esg.png"));
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        File.Delete(shot);

        var start = new ProcessStartInfo("node", [script, host.BaseUrl.ToString(), shot, "20000"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        using Process node = Process.Start(start)!;
        Task<string> stdout = node.StandardOutput.ReadToEndAsync();
        Task<string> stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        string output = await stdout, errors = await stderr;
        Assert.True(node.ExitCode == 0, $"ESG page check failed ({node.ExitCode}): {output} {errors}");

        JsonElement seen = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        // The first scorecard is TechCorp under the original profile: the spec's hand-checked 82.82 AAA.
        Assert.Equal("82.82", seen.GetProperty("overall").GetString());
        Assert.Equal("AAA", seen.GetProperty("rating").GetString());
        Assert.StartsWith("11", seen.GetProperty("alerts").GetString());
        Assert.Equal("72.41", seen.GetProperty("portfolioScore").GetString());
        Assert.True(seen.GetProperty("charts").GetBoolean(), "Chart.js was not served at /lib");
        Assert.StartsWith("+", seen.GetProperty("whatIfDelta").GetString());
        Assert.Equal(6, seen.GetProperty("highAlerts").GetInt32());
        Assert.NotEqual("82.82", seen.GetProperty("recommendedOverall").GetString());
        Assert.True(seen.GetProperty("errors").GetArrayLength() == 0, $"page errors: {seen.GetProperty("errors")}");
        Assert.True(new FileInfo(shot).Length > 10_000);
    }
}
