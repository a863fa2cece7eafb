using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QuantumFlow.Host.Web.Market;

namespace QuantumFlow.Host.Web.Api;

/// <summary>/api/admin: endpoints that change the host's state; every one needs the API key (<see cref="ApiKeyFilter"/>).</summary>
public static class AdminEndpoints
{
    public sealed record ResetResult(int Symbols);

    public static RouteGroupBuilder MapAdminEndpoints(this RouteGroupBuilder api)
    {
        RouteGroupBuilder admin = api.MapGroup("/admin").AddEndpointFilter<ApiKeyFilter>();
        admin.MapPost("/paper/reset", Reset).WithSummary("Start every symbol's paper strategy again from zero");
        return api;
    }

    private static Ok<ResetResult> Reset(MarketState market)
    {
        var symbols = market.Symbols;
        foreach (SymbolState s in symbols)
        {
            lock (s.Gate) s.Paper.Reset();
        }
        return TypedResults.Ok(new ResetResult(symbols.Count));
    }
}
