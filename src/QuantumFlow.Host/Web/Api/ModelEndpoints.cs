using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QuantumFlow.Host.Web.Market;
using QuantumFlow.Models.Prediction.Outcomes;

namespace QuantumFlow.Host.Web.Api;

/// <summary>/api/models: the model registry, with each model's live hit rate on this host's resolved predictions.</summary>
public static class ModelEndpoints
{
    public sealed record ModelSummary(string Name, string Version, string Kind, int WindowLength, IReadOnlyDictionary<string, string> Metrics, double? LiveHitRate, long LiveResolved);

    public static RouteGroupBuilder MapModelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/models", List).WithSummary("Models, versions, training metrics and live hit rates");
        return api;
    }

    private static Ok<List<ModelSummary>> List(ModelRegistry registry, MarketState market)
    {
        var live = market.HitRates();
        var models = registry.Entries.Select(e =>
        {
            var (hits, count) = live.GetValueOrDefault(e.Name);
            return new ModelSummary(e.Name, e.Version, e.Kind, e.WindowLength, e.Metrics, count == 0 ? null : (double)hits / count, count);
        }).ToList();
        var (eh, ec) = live.GetValueOrDefault(ModelHitRates.Ensemble);
        models.Add(new ModelSummary(ModelHitRates.Ensemble, "performance-weighted", "ensemble", 1, new Dictionary<string, string>(), ec == 0 ? null : (double)eh / ec, ec));
        return TypedResults.Ok(models);
    }
}
