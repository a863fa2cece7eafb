using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Prometheus;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Persistence;
using QuantumFlow.Host.Web.Api;
using QuantumFlow.Host.Web.Hubs;
using QuantumFlow.Host.Web.Market;
using QuantumFlow.Host.Web.Scoring;
using QuantumFlow.Models.Prediction;
using Scalar.AspNetCore;

namespace QuantumFlow.Host.Web;

/// <summary>
/// The node and its web front in one ASP.NET Core host on Kestrel: REST under /api, the SignalR hub, /metrics,
/// /health and /ready, the OpenAPI document (/openapi/v1.json) with its reference page (/scalar), and the dashboard
/// at /. Used by `quantumflow run` and by the tests (port 0).
/// </summary>
public static class WebHost
{
    public const string ApiRateLimit = "api";
    public const string ApiTimeout = "api";

    /// <param name="scorerModels">trained models for POST /api/predict only (separate instances from the node's).</param>
    /// <param name="checkpoints">the directory the trained models came from (the registry reads their notes), if any.</param>
    public static async Task<WebApplication> StartAsync(NodeOptions node, WebOptions web, IReadOnlyList<IProbabilisticModel>? scorerModels = null, string? checkpoints = null, CancellationToken cancel = default)
    {
        if (node.SeedNodes.Count == 0) await JournalSchema.InitializeAsync(node, cancel);
        WebApplication app = Build(node, web, scorerModels ?? [], checkpoints);
        await app.StartAsync(cancel);
        return app;
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public static WebApplication Build(NodeOptions node, WebOptions web, IReadOnlyList<IProbabilisticModel> scorerModels, string? checkpoints)
    {
        string webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        web = web.WithConfiguration(builder.Configuration);
        // Several nodes on one machine (scripts/cluster.sh, tests) cannot all have the default port: a node that was
        // given no address takes a free one instead, and `run` prints whichever it got.
        if (ReferenceEquals(web.Urls, WebOptions.DefaultUrls) && !PortIsFree(WebOptions.DefaultPort)) web = web with { Urls = ["http://127.0.0.1:0"] };
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. web.Urls]);

        IServiceCollection services = builder.Services;
        services.AddQuantumFlowNode(node);
        services.AddSingleton(web);
        services.AddSingleton(new MarketState(node.Prediction.Labels, web));
        services.AddSingleton(new SnapshotScorer(node.Prediction, scorerModels));
        services.AddSingleton(new ModelRegistry(node.Prediction, checkpoints));
        services.AddSingleton<PushThrottle>();
        services.AddHostedService(p => p.GetRequiredService<PushThrottle>());
        services.AddSingleton<MarketFeedService>();
        services.AddHostedService(p => p.GetRequiredService<MarketFeedService>());
        services.AddSingleton<StatusPoller>();
        services.AddHostedService(p => p.GetRequiredService<StatusPoller>());

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed bodies throw, so the exception handler answers them with problem details naming the fault.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ApiRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = web.RateLimitPermits, Window = web.RateLimitWindow, QueueLimit = 0 }));
            o.OnRejected = async (context, cancel) =>
            {
                int seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retry) ? (int)Math.Ceiling(retry.TotalSeconds) : (int)Math.Ceiling(web.RateLimitWindow.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"at most {web.RateLimitPermits} requests per {web.RateLimitWindow.TotalSeconds:0.###} s per client; retry after {Math.Max(1, seconds)} s",
                    },
                });
            };
        });
        services.AddRequestTimeouts(o => o.AddPolicy(ApiTimeout, new RequestTimeoutPolicy
        {
            Timeout = web.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        }));
        services.AddOpenApi();

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        app.UseRouting();
        app.UseHttpMetrics();
        app.UseRateLimiter();
        app.UseRequestTimeouts();

        RouteGroupBuilder api = app.MapGroup("/api");
        api.RequireRateLimiting(ApiRateLimit);
        api.WithRequestTimeout(ApiTimeout);
        api.MapSymbolEndpoints();
        api.MapModelEndpoints();
        api.MapPredictEndpoint();
        api.MapAdminEndpoints();
        // ESG (issue 9): the lead adds `app.MapEsgApi();` here at merge (Web/Esg/EsgEndpoints.cs, wwwroot/esg.html).

        app.MapHealthEndpoints();
        app.MapHub<MarketHub>(MarketHub.Path);
        app.MapMetrics("/metrics");
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
