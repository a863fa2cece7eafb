using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using QuantumFlow.Host.Web.Scoring;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>
/// Issue 18: the REST request models under any body. Any bytes bind to a request or fail as JSON (the exception
/// handler's 400); any bound snapshot is levels or named validation errors, never an exception; accepted levels are
/// positive, bounded and uncrossed.
/// </summary>
public sealed class RequestModelProperties
{
    public const int BodyCases = 10_000, SnapshotCases = 10_000;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Any_body_binds_or_is_malformed_json()
    {
        string valid = """{"symbol":"binance-usdm:BTCUSDT","bids":[[64000.0,1.5]],"asks":[[64000.1,0.5]]}""";
        Gen.OneOf(
                Gen.Byte.Array[0, 300],
                Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Select((at, b) => { byte[] v = Encoding.UTF8.GetBytes(valid); v[at] = b; return v; }))
            .Sample(body =>
            {
                SnapshotRequest? request;
                try
                {
                    request = JsonSerializer.Deserialize<SnapshotRequest>(body, Web);
                }
                catch (JsonException)
                {
                    return;
                }
                if (request is not null) SnapshotValidator.Validate(request);
            }, iter: BodyCases);
    }

    /// <summary>Prices and sizes as JSON numbers can carry them: ordinary, zero, negative, tiny, past the bound.</summary>
    private static readonly Gen<decimal> Number = Gen.OneOf(
        Gen.Decimal[-10m, 100_000m],
        Gen.Select(Gen.Int[1, 9], Gen.Int[-20, 20]).Select((m, e) => m * (decimal)Math.Pow(10, e)),
        Gen.OneOf<decimal>(0m, -0.00000001m, 0.000000001m, SnapshotValidator.MaxValue, SnapshotValidator.MaxValue + 1, decimal.MaxValue, decimal.MinValue));

    private static readonly Gen<decimal[]> Level = Gen.OneOf(Number.Array[2, 2], Number.Array[0, 4]);

    [Fact]
    public void Any_snapshot_is_levels_or_named_errors_and_accepted_levels_are_sane()
    {
        Gen.Select(Gen.OneOf<string?>(null, "", " ", "binance-usdm:BTCUSDT", "x"), Gen.Null(Level.Array[0, 30], 0.1), Gen.Null(Level.Array[0, 30], 0.1))
            .Sample((symbol, bids, asks) =>
            {
                var (levels, errors) = SnapshotValidator.Validate(new SnapshotRequest(symbol, bids, asks));
                if (levels is null)
                {
                    Assert.NotEmpty(errors);
                    Assert.All(errors, e => Assert.NotEmpty(e.Value));
                    return;
                }
                Assert.Empty(errors);
                Assert.All(levels, l => Assert.True(l.Price.ToDecimal() is > 0 and <= SnapshotValidator.MaxValue, l.Price.ToString()));
                Assert.All(levels, l => Assert.True(l.Quantity.ToDecimal() is > 0 and <= SnapshotValidator.MaxValue));
                decimal bestBid = levels.Where(l => l.Side == QuantumFlow.Models.Market.Side.Bid).Max(l => l.Price.ToDecimal());
                decimal bestAsk = levels.Where(l => l.Side == QuantumFlow.Models.Market.Side.Ask).Min(l => l.Price.ToDecimal());
                Assert.True(bestBid < bestAsk, string.Create(CultureInfo.InvariantCulture, $"{bestBid} >= {bestAsk}"));
            }, iter: SnapshotCases);
    }
}
