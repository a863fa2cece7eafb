using System.Net;
using QuantumFlow.Host.Web;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>ASP.NET Core's rate limiter on /api: past the permits, 429 problem details with Retry-After; other paths unaffected.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Past_the_limit_the_api_answers_429_with_retry_after()
    {
        await using var app = await WebHost.StartAsync(WebHostFixture.Node(predictions: false),
            new WebOptions { Urls = ["http://127.0.0.1:0"], RateLimitPermits = 3, RateLimitWindow = TimeSpan.FromMinutes(1) });
        using var http = new HttpClient { BaseAddress = app.Address };
        for (int i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/symbols")).StatusCode);

        using HttpResponseMessage limited = await http.GetAsync("/api/symbols");
        await ApiTests.AssertProblem(limited, 429, "at most 3 requests per 60 s");
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        await app.StopAsync();
    }
}
