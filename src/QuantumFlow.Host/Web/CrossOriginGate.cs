using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace QuantumFlow.Host.Web;

/// <summary>
/// CORS binds only what a browser script may read; a WebSocket is exempt from it, so any page a user visits could
/// otherwise open the hub and stream from it. WebSocket requests and the hub's negotiation therefore must come from
/// this host's own origin or one of <see cref="WebOptions.AllowedOrigins"/>. A request without Origin is no browser's
/// (the .NET SignalR client, curl) and passes, as CORS would let it.
/// </summary>
public sealed class CrossOriginGate(RequestDelegate next, WebOptions web)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        // The upgrade header, not IsWebSocketRequest: the WebSocket middleware that would set that runs later, inside SignalR.
        bool guarded = http.Request.Headers.Upgrade.Any(u => string.Equals(u, "websocket", StringComparison.OrdinalIgnoreCase))
                       || http.Request.Path.StartsWithSegments(Hubs.MarketHub.Path);
        string? origin = http.Request.Headers.Origin;
        if (!guarded || string.IsNullOrEmpty(origin) || Allowed(http.Request, origin, web))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Origin not allowed",
                Detail = $"origin {origin} may not connect; allowed: this host's own origin{(web.AllowedOrigins.Count > 0 ? ", " + string.Join(", ", web.AllowedOrigins) : "")}",
            },
        });
    }

    public static bool Allowed(HttpRequest request, string origin, WebOptions web) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase) ||
        web.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
}
