using System.Diagnostics;
using System.Text.Json;
using QuantumFlow.Host.Tests.Inspection;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>
/// Opens the dashboard in headless Debian chromium (/usr/bin/chromium; .ci/run installs it) through npm playwright-core
/// (src/QuantumFlow.Host/web/dashboard-check.mjs), waits until live values are drawn, and saves the screenshot as a CI
/// artifact: artifacts/dashboard.png at the repository root.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class DashboardBrowserTests(WebHostFixture host)
{
    public static string Screenshot => Repository.PathOf(Path.Combine("artifacts", "dashboard.png"));

    [Fact]
    public async Task The_dashboard_shows_live_book_and_predictions_in_a_browser()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "the browser test needs Debian's chromium: apt-get install -y chromium (.ci/run does)");
        string script = Repository.PathOf(Path.Combine("src", "QuantumFlow.Host", "web", "dashboard-check.mjs"));
        Directory.CreateDirectory(Path.GetDirectoryName(Screenshot)!);
        File.Delete(Screenshot);

        var start = new ProcessStartInfo("node", [script, host.BaseUrl.ToString(), Screenshot, "25000"])
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
        Assert.True(node.ExitCode == 0, $"dashboard check failed ({node.ExitCode}): {output} {errors}");

        JsonElement seen = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(WebHostFixture.Symbol, seen.GetProperty("symbol").GetString());
        Assert.True(decimal.TryParse(seen.GetProperty("mid").GetString(), System.Globalization.NumberStyles.Any, System.Globalization.CultureInfo.InvariantCulture, out decimal mid) && mid > 1000,
            $"mid shown: {seen.GetProperty("mid")}");
        Assert.Contains(seen.GetProperty("prediction").GetString(), new[] { "UP", "DOWN", "FLAT" });
        Assert.Equal(2, seen.GetProperty("models").GetInt32());
        Assert.Equal(24, seen.GetProperty("ladderRows").GetInt32());
        Assert.Equal("live", seen.GetProperty("connection").GetString());
        Assert.Equal(0, seen.GetProperty("errors").GetArrayLength());
        Assert.True(new FileInfo(Screenshot).Length > 10_000);
    }
}
