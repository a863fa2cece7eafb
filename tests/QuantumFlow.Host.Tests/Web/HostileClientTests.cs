using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using QuantumFlow.Host.Web.Api;
using QuantumFlow.Host.Web.Hubs;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>
/// What issue 18's probe found at the web front, each now answered: bodies over an endpoint's limit get 413 before
/// they are read, numbers past double's range a problem detail, every page its security headers, a foreign origin
/// neither CORS headers nor a WebSocket, and the hub bounded per connection.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HostileClientTests(WebHostFixture host)
{
    private HttpClient Http => host.Http;

    /// <summary>Sends raw HTTP/1.1 and returns the status line and headers of the answer (what a client that lies would see).</summary>
    private async Task<string> Raw(string head, byte[]? body = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.BaseUrl.Host, host.BaseUrl.Port);
        NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        if (body is not null)
        {
            try
            {
                await stream.WriteAsync(body);
            }
            catch (IOException)
            {
                // The server may close while the rest is on its way: the answer was sent before that.
            }
        }
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = new StringBuilder();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(deadline.Token) is { Length: > 0 } line) answer.AppendLine(line);
        return answer.ToString();
    }

    [Fact]
    public async Task A_declared_17_MB_prediction_body_is_refused_before_a_byte_is_read()
    {
        var clock = Stopwatch.StartNew();
        string answer = await Raw($"POST /api/predict HTTP/1.1\r\nHost: {host.BaseUrl.Authority}\r\nContent-Type: application/json\r\nContent-Length: {17 * 1024 * 1024}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 413", answer);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed}");
    }

    [Fact]
    public async Task A_chunked_body_is_cut_off_at_the_limit()
    {
        int size = (int)BodyLimit.Predict + 64 * 1024;
        byte[] chunk = Encoding.ASCII.GetBytes($"{size:x}\r\n{new string(' ', size)}\r\n0\r\n\r\n");
        string answer = await Raw($"POST /api/predict HTTP/1.1\r\nHost: {host.BaseUrl.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", chunk);
        Assert.StartsWith("HTTP/1.1 413", answer);
    }

    [Theory]
    [InlineData("/api/esg/portfolio")]
    [InlineData("/api/esg/scores")]
    [InlineData("/api/esg/what-if")]
    public async Task Esg_posts_over_their_limit_get_a_problem_detail(string path)
    {
        using var content = new ByteArrayContent(new byte[BodyLimit.EsgFile + 1]);
        content.Headers.ContentType = new("application/json");
        using HttpResponseMessage r = await Http.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_under_the_limit_is_still_read_and_answered()
    {
        using var content = new StringContent("""{"symbol":"binance-usdm:BTCUSDT","bids":[[64000.0,1.5]],"asks":[[64000.1,0.5]]}""", Encoding.UTF8, "application/json");
        using HttpResponseMessage r = await Http.PostAsync("/api/predict", content);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task Portfolio_weights_past_doubles_range_are_a_problem_detail_not_a_500()
    {
        using var content = new StringContent("""{"holdings":[{"company":"techcorp","weight":1e308},{"company":"greenbank","weight":1e308}]}""", Encoding.UTF8, "application/json");
        using HttpResponseMessage r = await Http.PostAsync("/api/esg/portfolio", content);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("scale them down", await r.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/esg.html")]
    [InlineData("/esg")]
    [InlineData("/app.js")]
    [InlineData("/api/symbols")]
    [InlineData("/health")]
    public async Task Every_page_carries_the_security_headers_and_a_strict_policy(string path)
    {
        using HttpResponseMessage r = await Http.GetAsync(path);
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
        string csp = r.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("object-src 'none'", csp);
    }

    [Fact]
    public async Task The_scalar_page_has_its_own_policy_and_still_answers()
    {
        using HttpResponseMessage r = await Http.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        string csp = r.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Fact]
    public async Task A_preflight_from_a_foreign_origin_gets_no_permission()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/symbols");
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using HttpResponseMessage r = await Http.SendAsync(preflight);
        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, r.StatusCode);
        Assert.False(r.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_websocket_from_a_foreign_origin_is_refused_and_one_from_the_page_is_not()
    {
        var ws = new UriBuilder(host.BaseUrl) { Scheme = "ws", Path = MarketHub.Path }.Uri;
        using var evil = new ClientWebSocket();
        evil.Options.SetRequestHeader("Origin", "http://evil.example");
        evil.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => evil.ConnectAsync(ws, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, evil.HttpStatusCode);

        using var page = new ClientWebSocket();
        page.Options.SetRequestHeader("Origin", $"http://{host.BaseUrl.Authority}");
        await page.ConnectAsync(ws, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, page.State);
        await page.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task Negotiation_from_a_foreign_origin_is_refused()
    {
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{MarketHub.Path}/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Origin", "http://evil.example");
        using HttpResponseMessage r = await Http.SendAsync(negotiate);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }

    [Fact]
    public async Task Null_symbols_are_refused_and_a_connection_holds_a_bounded_number()
    {
        await using HubConnection connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseUrl, MarketHub.Path)).Build();
        await connection.StartAsync();
        HubException nul = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<IReadOnlyList<string>>("Subscribe", new string?[] { null }));
        Assert.Contains("null (item 1) is not a symbol", nul.Message);

        for (int call = 0; call < MarketHub.MaxSymbolsPerConnection / MarketHub.MaxSymbolsPerCall; call++)
        {
            string[] batch = [.. Enumerable.Range(0, MarketHub.MaxSymbolsPerCall).Select(i => $"binance:S{call}x{i}")];
            await connection.InvokeAsync<IReadOnlyList<string>>("Subscribe", batch);
        }
        HubException full = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<IReadOnlyList<string>>("Subscribe", new[] { "binance:ONE-MORE" }));
        Assert.Contains($"at most {MarketHub.MaxSymbolsPerConnection} symbols per connection", full.Message);
        // Symbols already held are no new ones: subscribing again is not refused.
        await connection.InvokeAsync<IReadOnlyList<string>>("Subscribe", new[] { "binance:S0x0" });
    }
}
