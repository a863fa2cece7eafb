using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Features;

/// <summary>
/// The model inputs transfer between markets: the same recording with every size x100 (another contract unit) and
/// every price x10 (another price level) gives the same inputs, so a model trained on one market reads another's
/// the same way.
/// </summary>
public sealed class ScaleInvarianceTests
{
    internal static IEnumerable<MarketEvent> Events(string path)
    {
        using IRecordingReader reader = RecordingFormat.Open([path]);
        var decoder = new FeedDecoder(reader.Venue);
        var events = new List<MarketEvent>();
        while (reader.TryRead(out RecordedPayload p))
        {
            events.Clear();
            if (p.Kind == PayloadKind.Connected) decoder.OnConnected(p.ReceiveTimeNs, "recorded reconnect", events);
            else decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, events);
            foreach (MarketEvent e in events) yield return e;
        }
    }

    internal static MarketEvent Scale(MarketEvent e, long price, long size) => e switch
    {
        BookSnapshot s => s with { Levels = [.. s.Levels.Select(l => Scale(l, price, size))] },
        BookDelta d => d with { Levels = [.. d.Levels.Select(l => Scale(l, price, size))] },
        Trade t => t with { Price = new Price(t.Price.Raw * price), Quantity = new Quantity(t.Quantity.Raw * size) },
        BestBidAsk b => b with
        {
            BidPrice = new Price(b.BidPrice.Raw * price), AskPrice = new Price(b.AskPrice.Raw * price),
            BidQuantity = new Quantity(b.BidQuantity.Raw * size), AskQuantity = new Quantity(b.AskQuantity.Raw * size),
        },
        _ => e,
    };

    private static LevelUpdate Scale(LevelUpdate l, long price, long size) => new(l.Side, new Price(l.Price.Raw * price), new Quantity(l.Quantity.Raw * size));

    [Fact]
    public void Sizes_x100_and_prices_x10_give_the_same_model_inputs()
    {
        string path = Path.Combine(TestData.RepoRoot, "data", "samples", "btcusdt_20240718.gz");
        var plain = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        var scaled = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        int[] inputs = [.. ModelInputs.Names.Select(n => plain.Engine.Schema.IndexOf(n))];
        Assert.DoesNotContain(-1, inputs);
        int compared = 0;
        var worst = new double[inputs.Length];
        foreach (MarketEvent e in Events(path))
        {
            FeatureVector? a = plain.Apply(e);
            double[]? first = a is null ? null : [.. a.Values];
            FeatureVector? b = scaled.Apply(Scale(e, 10, 100));
            Assert.Equal(first is null, b is null);
            if (first is null || b is null || first[plain.Engine.Schema.IndexOf(FeatureNames.BookValid)] != 1) continue;
            compared++;
            for (int k = 0; k < inputs.Length; k++)
            {
                double x = first[inputs[k]], y = b.Values[inputs[k]];
                double diff = Math.Abs(x - y) / Math.Max(1, Math.Abs(x));
                if (double.IsNaN(x) && double.IsNaN(y)) diff = 0;
                worst[k] = Math.Max(worst[k], diff);
            }
        }
        Assert.True(compared > 3_000, $"{compared} valid vectors");
        string[] differ = [.. ModelInputs.Names.Where((n, k) => !(worst[k] <= 1e-6)).Select((n, k) => $"{n} ({worst[ModelInputs.Names.IndexOf(n)]:G3})")];
        Assert.True(differ.Length == 0, "inputs that depend on the units: " + string.Join(", ", differ));
    }
}
