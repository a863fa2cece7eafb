using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuantumFlow.Actors.Tests.FakeExchange;

/// <summary>A Kestrel server on 127.0.0.1 and a free port, with WebSockets on; subclasses map the venue's endpoints.</summary>
public abstract class FakeExchangeHost : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Cancelled when the host stops, so streaming handlers end.</summary>
    protected CancellationTokenSource Stopping { get; } = new();

    public Uri HttpBase { get; private set; } = null!;
    public Uri WsBase => new UriBuilder(HttpBase) { Scheme = "ws" }.Uri;

    public async Task StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        Map(_app);
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        HttpBase = new Uri(address);
    }

    protected abstract void Map(WebApplication app);

    public async ValueTask DisposeAsync()
    {
        Stopping.Cancel();
        if (_app is not null)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(cts.Token);
            await _app.DisposeAsync();
        }
    }

    /// <summary>Waits until the client closes, the host stops, or the socket fails: a stream that has nothing more to say stays open.</summary>
    protected async Task HoldOpen(System.Net.WebSockets.WebSocket ws, CancellationToken ct)
    {
        try
        {
            var buffer = new byte[256];
            while (ws.State == System.Net.WebSockets.WebSocketState.Open)
            {
                var r = await ws.ReceiveAsync(buffer, ct);
                if (r.MessageType == System.Net.WebSockets.WebSocketMessageType.Close) break;
            }
        }
        catch (Exception)
        {
            // client gone or host stopping
        }
    }

    protected static bool IsWebSocket(HttpContext context) => context.WebSockets.IsWebSocketRequest;
}
