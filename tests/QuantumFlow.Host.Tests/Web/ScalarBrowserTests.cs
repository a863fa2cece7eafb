using System.Text.Json;
using QuantumFlow.Host.Tests.Inspection;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>
/// Issue 16: the Scalar API reference fetched its fonts from a CDN, two console errors where nothing outside is
/// reachable. In headless Debian chromium (src/QuantumFlow.Host/ClientAssets/scalar-check.mjs) the page draws the OpenAPI
/// document and asks no other origin for anything. Screenshot: artifacts/scalar.png.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ScalarBrowserTests(WebHostFixture host)
{
    [Fact]
    public async Task The_api_reference_renders_with_no_request_to_another_origin()
    {
        JsonElement seen = await BrowserCheck.RunAsync("scalar-check.mjs", host.BaseUrl, Repository.PathOf(Path.Combine("artifacts", "scalar.png")), 60_000);
        Assert.True(seen.GetProperty("outside").GetArrayLength() == 0, $"requests to other origins: {seen.GetProperty("outside")}");
        Assert.True(seen.GetProperty("operations").GetInt32() > 0, "no operation of the OpenAPI document was drawn");
    }
}
