using System.Diagnostics;
using System.Text.Json;
using QuantumFlow.Host.Tests.Inspection;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>
/// Runs one of the page checks in src/QuantumFlow.Host/ClientAssets/ (node + npm playwright-core driving Debian's chromium,
/// never a downloaded browser) against a running host; returns the JSON line the check printed about what it saw.
/// </summary>
public static class BrowserCheck
{
    public static async Task<JsonElement> RunAsync(string script, Uri baseUrl, string screenshot, int timeoutMs)
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "the browser tests need Debian's chromium: scripts/chromium.sh installs it");
        string path = Repository.PathOf(Path.Combine("src", "QuantumFlow.Host", "ClientAssets", script));
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        var start = new ProcessStartInfo("node", [path, baseUrl.ToString(), screenshot, timeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        using Process node = Process.Start(start)!;
        Task<string> stdout = node.StandardOutput.ReadToEndAsync();
        Task<string> stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMilliseconds(timeoutMs) + TimeSpan.FromSeconds(35));
        string output = await stdout, errors = await stderr;
        Assert.True(node.ExitCode == 0, $"{script} failed ({node.ExitCode}): {output} {errors}");
        JsonElement seen = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.True(seen.GetProperty("errors").GetArrayLength() == 0, $"page errors: {seen.GetProperty("errors")}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
        return seen;
    }
}
