using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Host.Web.Market;
using QuantumFlow.Host.Web.Scoring;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Web.Api;

/// <summary>
/// POST /api/predict: scores a caller's order-book snapshot. Validated first (symbol known, both sides non-empty, not
/// crossed, positive sane prices and sizes, no duplicates); scored by the pure feature engine and models, never by an
/// actor, and mixed with the symbol's live ensemble weights.
/// </summary>
public static class PredictEndpoint
{
    public static RouteGroupBuilder MapPredictEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/predict", Score).WithSummary("Score an order-book snapshot sent by the caller")
            .WithBodyLimit(BodyLimit.Predict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    private static Results<Ok<ScoreResult>, ValidationProblem, ProblemHttpResult> Score(SnapshotRequest request, MarketState market, SnapshotScorer scorer)
    {
        var (levels, errors) = SnapshotValidator.Validate(request);
        if (levels is null) return TypedResults.ValidationProblem(errors, title: "Invalid snapshot");
        if (market.Find(request.Symbol!) is not { Instrument: { } instrument } state) return SymbolEndpoints.Unknown(request.Symbol!);
        VenueNames.TryParse(instrument.VenueId, out Venue venue);
        PredictionEvent? live;
        lock (state.Gate) live = state.Prediction;
        return TypedResults.Ok(scorer.Score(venue, instrument.Symbol, instrument.EntityId, levels, live));
    }
}
