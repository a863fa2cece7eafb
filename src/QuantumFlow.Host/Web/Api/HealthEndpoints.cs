using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QuantumFlow.Host.Web.Contracts;
using QuantumFlow.Host.Web.Market;

namespace QuantumFlow.Host.Web.Api;

/// <summary>
/// /health: the process serves (liveness). /ready: this node is Up in its cluster and every book of the cluster is
/// valid, as of the last status poll; otherwise 503 with the reasons.
/// </summary>
public static class HealthEndpoints
{
    public sealed record Health(string Status);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new Health("ok"))).WithSummary("Liveness");
        app.MapGet("/ready", Ready).WithSummary("Readiness: cluster up and books valid");
        return app;
    }

    private static Results<Ok<StatusPayload>, ProblemHttpResult> Ready(StatusPoller poller)
    {
        StatusPayload? status = poller.Latest;
        if (status is null)
            return TypedResults.Problem(statusCode: 503, title: "Not ready", detail: "the first status poll has not completed");
        if (!status.Ready)
            return TypedResults.Problem(statusCode: 503, title: "Not ready", detail: string.Join("; ", status.Problems));
        return TypedResults.Ok(status);
    }
}
