using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Host.Web.Api;
using QuantumFlow.Host.Web.Esg;
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

    /// <summary>
    /// Starts the node, then its web host. A web host left on the default address takes a free port when that one is
    /// taken (<see cref="WebNode.BusyDefault"/> says so); an address asked for that is taken fails the start with an
    /// <see cref="IOException"/> whose inner exception is Kestrel's AddressInUseException.
    /// </summary>
    /// <param name="scorerModels">trained models for POST /api/predict only (separate instances from the node's).</param>
    /// <param name="checkpoints">the directory the trained models came from (the registry reads their notes), if any.</param>
    public static async Task<WebNode> StartAsync(NodeOptions node, WebOptions web, IReadOnlyList<IProbabilisticModel>? scorerModels = null, string? checkpoints = null, CancellationToken cancel = default)
    {
        IHost nodeHost = await QuantumFlowNode.StartAsync(node, cancel: cancel);
        try
        {
            WebApplication app = Build(nodeHost.Services, node, web, scorerModels ?? [], checkpoints);
            string? busyDefault = null;
            try
            {
                await app.StartAsync(cancel);
            }
            catch (IOException e) when (IsAddressInUse(e) && ReferenceEquals(app.Services.GetRequiredService<WebOptions>().Urls, WebOptions.DefaultUrls))
            {
                // Several nodes on one machine (scripts/cluster.sh, tests) cannot all have the default port: a node that
                // was given no address takes a free one instead, and `run` prints which one in its dashboard line.
                await app.DisposeAsync();
                busyDefault = WebOptions.DefaultUrls[0];
                app = Build(nodeHost.Services, node, web with { Urls = ["http://127.0.0.1:0"] }, scorerModels ?? [], checkpoints);
                await app.StartAsync(cancel);
            }
            app.Services.GetRequiredService<StartLogGate>().Starting = false;
            return new WebNode(nodeHost, app) { BusyDefault = busyDefault };
        }
        catch
        {
            await nodeHost.StopAsync(CancellationToken.None);
            nodeHost.Dispose();
            throw;
        }
    }

    /// <summary>Silences the generic host's own log while the web app starts (see <see cref="Build"/>).</summary>
    private sealed class StartLogGate
    {
        public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
        public volatile bool Starting = true;
    }

    /// <summary>Kestrel's failure to bind an address another process holds.</summary>
    public static bool IsAddressInUse(Exception e) => e is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException };

    /// <param name="nodeServices">the started node's services (actor system, registry, book region).</param>
    public static WebApplication Build(IServiceProvider nodeServices, NodeOptions node, WebOptions web, IReadOnlyList<IProbabilisticModel> scorerModels, string? checkpoints)
    {
        string webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        web = web.WithConfiguration(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A start that fails throws to the caller, which reports it in one line (or falls back to a free port); the
        // host's own "Hosting failed to start" error with its stack trace would only repeat it. Once started, the host's
        // errors (a background service that fails, say) are logged as usual.
        var start = new StartLogGate();
        builder.Services.AddSingleton(start);
        builder.Logging.AddFilter(StartLogGate.HostCategory, level => !start.Starting && level >= LogLevel.Warning);
        builder.WebHost.UseUrls([.. web.Urls]);

        IServiceCollection services = builder.Services;
        WebNode.Bridge(nodeServices, services);
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
        services.AddWebSecurity(web);

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The README and docs/ESG.md name the ESG page /esg; the file is esg.html (its assets use absolute paths, so
        // serving it under /esg/ works too).
        app.UseRewriter(new RewriteOptions().AddRewrite("^esg/?$", "esg.html", skipRemainingRules: true));
        // Routing first, so the security headers can take an endpoint's own policy (Scalar's) and still cover the
        // static files served after them.
        app.UseRouting();
        app.UseSecurityHeaders();
        app.UseCors();
        app.UseMiddleware<CrossOriginGate>();
        if (Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        app.UseHttpMetrics();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        // After the timeouts: a body trickled in slowly is cut off at the request timeout.
        app.UseMiddleware<BodyLimitMiddleware>();

        RouteGroupBuilder api = app.MapGroup("/api");
        api.RequireRateLimiting(ApiRateLimit);
        api.WithRequestTimeout(ApiTimeout);
        api.MapSymbolEndpoints();
        api.MapModelEndpoints();
        api.MapPredictEndpoint();
        api.MapAdminEndpoints();
        app.MapEsgApi().RequireRateLimiting(ApiRateLimit).WithRequestTimeout(ApiTimeout);

        app.MapHealthEndpoints();
        app.MapHub<MarketHub>(MarketHub.Path);
        app.MapMetrics("/metrics");
        app.MapOpenApi();
        // The node may run where nothing outside is reachable, and its policy allows no outside font or connection:
        // Scalar's CDN fonts, telemetry and AI agent would only be blocked requests and console errors.
        app.MapScalarApiReference(o => o.DisableDefaultFonts().DisableTelemetry().DisableAgent())
            .WithSecurityHeadersPolicy(WebSecurity.ScalarPolicy);
        return app;
    }
}
