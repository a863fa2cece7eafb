using QuantumFlow.Models.Labels;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>The REST API over real Kestrel and a real node: status codes, payloads, and a problem details body for every bad input.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ApiTests(WebHostFixture host)
{
    private const string Symbol = WebHostFixture.Symbol;
    private HttpClient Http => host.Http;

    [Fact]
    public async Task Symbols_list_the_replayed_book_with_its_state()
    {
        JsonElement symbols = await Http.GetFromJsonAsync<JsonElement>("/api/symbols");
        JsonElement btc = symbols.EnumerateArray().Single(s => s.GetProperty("symbol").GetString() == Symbol);
        Assert.Equal("BTC", btc.GetProperty("base").GetString());
        Assert.Equal("USDT", btc.GetProperty("quote").GetString());
        Assert.True(btc.GetProperty("bookUpdates").GetInt64() > 0);
        Assert.True(btc.GetProperty("bestBid").GetDecimal() < btc.GetProperty("bestAsk").GetDecimal());
    }

    [Fact]
    public async Task Book_returns_top_n_levels_from_the_actor()
    {
        JsonElement book = await Http.GetFromJsonAsync<JsonElement>($"/api/symbols/{Symbol}/book?depth=5");
        Assert.Equal(5, book.GetProperty("bids").GetArrayLength());
        Assert.Equal(5, book.GetProperty("asks").GetArrayLength());
        decimal[] bids = book.GetProperty("bids").EnumerateArray().Select(l => l.GetProperty("price").GetDecimal()).ToArray();
        Assert.Equal(bids.OrderDescending(), bids);
        Assert.True(bids[0] < book.GetProperty("asks")[0].GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Latest_prediction_has_every_model_and_probabilities_that_sum_to_one()
    {
        JsonElement p = await Http.GetFromJsonAsync<JsonElement>($"/api/symbols/{Symbol}/prediction");
        double sum = p.GetProperty("down").GetDouble() + p.GetProperty("flat").GetDouble() + p.GetProperty("up").GetDouble();
        Assert.Equal(1, sum, 6);
        Assert.Contains(p.GetProperty("predicted").GetString(), new[] { "UP", "DOWN", "FLAT" });
        string[] models = p.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray();
        Assert.Contains("bayes-state", models);
        Assert.Contains("dirichlet", models);
    }

    [Fact]
    public async Task Recent_predictions_get_outcomes_once_the_horizon_has_passed()
    {
        JsonElement resolved = default;
        await Poll.Until(async () =>
        {
            JsonElement recent = await Http.GetFromJsonAsync<JsonElement>($"/api/symbols/{Symbol}/predictions?limit=1000");
            var withOutcome = recent.EnumerateArray().Where(r => r.GetProperty("outcome").ValueKind == JsonValueKind.String).ToList();
            if (withOutcome.Count == 0) return false;
            resolved = withOutcome[0];
            return true;
        }, TimeSpan.FromSeconds(30), "a recent prediction with an outcome");
        // The predictor's own label (the product's: beyond the spread and at least 0.5 bps), published with a later prediction.
        double ret = resolved.GetProperty("returnBps").GetDouble();
        string outcome = resolved.GetProperty("outcome").GetString()!;
        if (Math.Abs(ret) <= LabelOptions.Trading.ThresholdBps) Assert.Equal("FLAT", outcome);
        if (outcome == "UP") Assert.True(ret > LabelOptions.Trading.ThresholdBps, $"UP on {ret} bps");
        if (outcome == "DOWN") Assert.True(ret < -LabelOptions.Trading.ThresholdBps, $"DOWN on {ret} bps");
    }

    [Fact]
    public async Task Models_lists_the_online_learners_and_the_ensemble()
    {
        JsonElement models = await Http.GetFromJsonAsync<JsonElement>("/api/models");
        string[] names = models.EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["bayes-state", "dirichlet", "ensemble"], names);
    }

    [Fact]
    public async Task Predict_scores_a_valid_snapshot()
    {
        using HttpResponseMessage r = await Http.PostAsJsonAsync("/api/predict", new
        {
            symbol = Symbol,
            bids = new[] { new[] { 64000.0m, 1.5m }, new[] { 63999.9m, 2m } },
            asks = new[] { new[] { 64000.1m, 0.5m }, new[] { 64000.2m, 3m } },
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        JsonElement score = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, score.GetProperty("models").GetArrayLength());
        Assert.Equal(64000.05, score.GetProperty("features").GetProperty("mid_price").GetDouble(), 6);
    }

    [Theory]
    [InlineData("{\"symbol\": \"binance-usdm:BTCUSDT\", \"bids\": [[1, 2]", 400, "Malformed JSON")]
    [InlineData("{\"symbol\": \"binance-usdm:BTCUSDT\", \"bids\": \"many\", \"asks\": [[1, 2]]}", 400, "Malformed JSON")]
    [InlineData("{\"symbol\": \"binance:NOPE\", \"bids\": [[1, 2]], \"asks\": [[3, 4]]}", 404, "Unknown symbol")]
    [InlineData("{\"symbol\": \"binance-usdm:BTCUSDT\", \"bids\": [], \"asks\": [[3, 4]]}", 400, "bids is empty")]
    [InlineData("{\"symbol\": \"binance-usdm:BTCUSDT\", \"bids\": [[5, 1]], \"asks\": [[4, 1]]}", 400, "the book is crossed")]
    [InlineData("{\"symbol\": \"binance-usdm:BTCUSDT\", \"bids\": [[5, 1e15]], \"asks\": [[6, 1]]}", 400, "size 1000000000000000 is not in")]
    [InlineData("{\"symbol\": \"binance-usdm:BTCUSDT\", \"bids\": [[-5, 1]], \"asks\": [[6, 1]]}", 400, "price -5 is not in")]
    [InlineData("{\"bids\": [[5, 1]], \"asks\": [[6, 1]]}", 400, "the symbol is required")]
    public async Task Predict_answers_bad_input_with_problem_details(string body, int status, string says)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage r = await Http.PostAsync("/api/predict", content);
        await AssertProblem(r, status, says);
    }

    [Theory]
    [InlineData("/api/symbols/binance:NOPE/book", 404, "Unknown symbol")]
    [InlineData("/api/symbols/binance:NOPE/prediction", 404, "Unknown symbol")]
    [InlineData("/api/symbols/binance-usdm:BTCUSDT/book?depth=0", 400, "depth must be 1..1000")]
    [InlineData("/api/symbols/binance-usdm:BTCUSDT/predictions?limit=5000", 400, "limit must be 1..1000")]
    [InlineData("/api/symbols/binance-usdm:BTCUSDT/book?depth=abc", 400, "depth")]
    [InlineData("/api/nothing-here", 404, "Not Found")]
    public async Task Bad_requests_get_problem_details(string url, int status, string says)
    {
        using HttpResponseMessage r = await Http.GetAsync(url);
        await AssertProblem(r, status, says);
    }

    [Fact]
    public async Task Admin_endpoints_need_the_api_key()
    {
        using HttpResponseMessage missing = await Http.PostAsync("/api/admin/paper/reset", null);
        await AssertProblem(missing, 401, "X-Api-Key");

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/admin/paper/reset") { Headers = { { "X-Api-Key", "guess" } } };
        await AssertProblem(await Http.SendAsync(wrong), 403, "does not match");

        using var right = new HttpRequestMessage(HttpMethod.Post, "/api/admin/paper/reset") { Headers = { { "X-Api-Key", WebHostFixture.ApiKey } } };
        using HttpResponseMessage ok = await Http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("symbols").GetInt32() >= 1);
    }

    [Fact]
    public async Task Health_and_readiness()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health")).StatusCode);
        await Poll.Until(async () => (await Http.GetAsync("/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(20), "/ready answers 200");
        JsonElement ready = await Http.GetFromJsonAsync<JsonElement>("/ready");
        Assert.True(ready.GetProperty("ready").GetBoolean());
        Assert.Equal("Up", ready.GetProperty("selfStatus").GetString());
        Assert.Contains(ready.GetProperty("books").EnumerateArray(), b => b.GetProperty("symbol").GetString() == Symbol && b.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task OpenApi_document_and_reference_page_are_served()
    {
        JsonElement doc = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        JsonElement paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/predict", out _));
        Assert.True(paths.TryGetProperty("/api/symbols/{symbol}/prediction", out _));
        using HttpResponseMessage page = await Http.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_reference_page_names_no_outside_host_and_turns_off_cdn_fonts_and_telemetry()
    {
        string html = await Http.GetStringAsync("/scalar/");
        Assert.DoesNotMatch(@"(?i)(https?:)?//(?!127\.0\.0\.1|localhost)[a-z0-9.-]+", html.Replace("</", "<", StringComparison.Ordinal));
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.Contains("\"telemetry\":false", html);
    }

    [Theory]
    [InlineData("/esg")]
    [InlineData("/esg/")]
    [InlineData("/esg.html")]
    public async Task The_esg_page_is_served_at_its_documented_address_and_as_a_file(string path)
    {
        using HttpResponseMessage r = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ESG analytics", await r.Content.ReadAsStringAsync());
        // Its assets are not taken for the page.
        Assert.Contains("function", await Http.GetStringAsync("/esg/esg.js"));
    }

    [Fact]
    public async Task Metrics_expose_the_series()
    {
        await Http.GetAsync("/api/symbols"); // at least one API request measured
        string text = await Http.GetStringAsync("/metrics");
        foreach (string series in new[] { "qf_book_updates_total", "qf_predictions_total", "qf_prediction_latency_seconds_bucket", "qf_trades_total",
                     "http_request_duration_seconds", "qf_feed_state", "qf_journal_events", "qf_journal_lag_batches", "qf_book_resyncs" })
            Assert.Contains(series, text);
        Assert.Contains($"qf_predictions_total{{symbol=\"{Symbol}\"}}", text);
    }

    [Fact]
    public async Task Dashboard_and_its_bundled_libraries_are_served()
    {
        string index = await Http.GetStringAsync("/");
        Assert.Contains("lib/signalr.min.js", index);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/lib/signalr.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/lib/chart.umd.min.js")).StatusCode);
    }

    internal static async Task AssertProblem(HttpResponseMessage r, int status, string says)
    {
        Assert.Equal(status, (int)r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        string body = await r.Content.ReadAsStringAsync();
        JsonElement problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Contains(says, body);
    }
}
