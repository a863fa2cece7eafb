namespace QuantumFlow.Host.Web;

/// <summary>
/// The web host's settings: configuration section <c>QuantumFlow:Web</c> (appsettings, environment
/// <c>QuantumFlow__Web__ApiKey</c>, ...) or the `run` flags. Defaults are safe for a laptop: loopback only, no admin
/// endpoints until an API key is set.
/// </summary>
public sealed record WebOptions
{
    public const string Section = "QuantumFlow:Web";

    /// <summary>Kestrel addresses; loopback unless told otherwise. Port 0 picks a free port (tests).</summary>
    public IReadOnlyList<string> Urls { get; init; } = DefaultUrls;
    public const int DefaultPort = 5080;
    public static readonly IReadOnlyList<string> DefaultUrls = [$"http://127.0.0.1:{DefaultPort}"];

    /// <summary>Required (header <c>X-Api-Key</c>) by mutating and admin endpoints; none set: they answer 403.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Origins (scheme://host[:port]) besides the host's own whose pages may call the API (CORS) and open the hub's
    /// WebSocket. Empty: same origin only. Configuration: <c>AllowedOrigins</c>, separated by ';'.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Requests per client address per <see cref="RateLimitWindow"/> on /api; beyond: 429 with Retry-After.</summary>
    public int RateLimitPermits { get; init; } = 200;
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An API request that runs longer is cancelled (504 problem details).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most pushes per second per (client, symbol, kind); the latest value wins in between.</summary>
    public double PushRatePerSecond { get; init; } = 10;

    /// <summary>Predictions kept per symbol for /predictions (with their outcomes once resolved).</summary>
    public int HistoryPerSymbol { get; init; } = 500;

    /// <summary>Trades kept per symbol for the dashboard's tape.</summary>
    public int TradesPerSymbol { get; init; } = 50;

    /// <summary>The paper strategy trades only predictions at least this confident (and never FLAT).</summary>
    public double PaperMinConfidence { get; init; } = 0.45;

    /// <summary>Taker fee per venue id ("binance", "binance-usdm", "coinbase"...), in bps of notional, per leg.</summary>
    public IReadOnlyDictionary<string, double> TakerFeeBps { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["binance"] = 10, ["binance-usdm"] = 5, ["binance-coinm"] = 5, ["coinbase"] = 60, ["coinbase-exchange"] = 60, ["sim"] = 0,
    };

    /// <summary>USD value of one unit of each quote currency, to compare venues quoting in different ones.</summary>
    public IReadOnlyDictionary<string, decimal> QuoteUsdRates { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["USD"] = 1m, ["USDT"] = 1m, ["USDC"] = 1m, ["FDUSD"] = 1m, ["BUSD"] = 1m,
    };

    /// <summary>How often feed, journal and cluster status are polled (for /metrics, /ready and the dashboard).</summary>
    public TimeSpan StatusEvery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Overrides from configuration (appsettings.json, environment: QuantumFlow__Web__ApiKey, ...), when present.</summary>
    public WebOptions WithConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        string? urls = section["Urls"];
        string? permits = section["RateLimitPermits"];
        string? rate = section["PushRatePerSecond"];
        string? origins = section["AllowedOrigins"];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return this with
        {
            ApiKey = section["ApiKey"] is { Length: > 0 } key ? key : ApiKey,
            // An address given on the command line wins over configuration.
            Urls = urls is { Length: > 0 } && ReferenceEquals(Urls, DefaultUrls) ? urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : Urls,
            AllowedOrigins = origins is { Length: > 0 } ? origins.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : AllowedOrigins,
            RateLimitPermits = int.TryParse(permits, inv, out int p) && p > 0 ? p : RateLimitPermits,
            PushRatePerSecond = double.TryParse(rate, inv, out double r) && r > 0 ? r : PushRatePerSecond,
        };
    }

    public double TakerFee(string venueId) => TakerFeeBps.TryGetValue(venueId, out double bps) ? bps : 10;
}
