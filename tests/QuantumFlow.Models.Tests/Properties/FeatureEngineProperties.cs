using CsCheck;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Tests.Features;

namespace QuantumFlow.Models.Tests.Properties;

/// <summary>
/// Issue 18: for any valid book (prices from 10^-6 to 10^9, sizes from 10^-8 to 10^6, updates and trades at any pace,
/// sides emptied and refilled) every feature the engine emits is a finite number.
/// </summary>
public sealed class FeatureEngineProperties
{
    public const int Cases = 1_500;

    private sealed record Step(bool Trade, bool Bid, int Level, decimal Quantity, long GapNs);

    private static decimal Pow10(int e) => e >= 0 ? (decimal)Math.Pow(10, e) : 1m / (decimal)Math.Pow(10, -e);

    private static readonly Gen<decimal> Size = Gen.Select(Gen.Int[1, 9], Gen.Int[-8, 6], Gen.Int[0, 4])
        .Select((m, e, zero) => zero == 0 ? 0m : Math.Round(m * Pow10(e), 8));

    private static readonly Gen<Step> StepGen = Gen.Select(Gen.Int[0, 5], Gen.Bool, Gen.Int[1, 25], Size, Gen.Long[0, 3_600_000_000_000])
        .Select((kind, bid, level, qty, gap) => new Step(kind == 0, bid, level, qty, gap));

    [Fact]
    public void Every_feature_is_finite_for_any_valid_book()
    {
        Gen.Select(Gen.Int[1, 9], Gen.Int[-6, 9], StepGen.List[1, 150])
            .Sample((mantissa, exponent, steps) =>
            {
                decimal mid = mantissa * Pow10(exponent);
                // One tick: a ten-thousandth of the price, never under the fixed-point resolution.
                decimal tick = Math.Max(0.00000001m, Math.Round(mid / 10_000m, 8));
                decimal Px(bool bid, int level) => bid ? mid - level * tick : mid + level * tick;
                var t = new TestBook();
                var engine = new FeatureEngine();
                Check(engine.OnBookUpdate(t.Book, t.Snapshot([(Px(true, 1), 1m)], [(Px(false, 1), 1m)])));
                foreach (Step s in steps)
                {
                    t.TimeNs += s.GapNs;
                    decimal price = Px(s.Bid, s.Level);
                    if (price <= 0) continue; // a level below zero is no price a venue quotes
                    FeatureVector v = s.Trade
                        ? engine.OnTrade(t.Trade(s.Bid ? Side.Bid : Side.Ask, price, Math.Max(s.Quantity, 0.00000001m), t.TimeNs))
                        : engine.OnBookUpdate(t.Book, t.DeltaAt(t.TimeNs, (s.Bid ? Side.Bid : Side.Ask, price, s.Quantity)));
                    Assert.False(t.Book.IsCrossed);
                    Check(v);
                }
            }, iter: Cases);
    }

    private static void Check(FeatureVector v)
    {
        for (int i = 0; i < v.Count; i++)
        {
            if (!double.IsFinite(v[i])) throw new Xunit.Sdk.XunitException($"{v.Schema.Names[i]} = {v[i]}");
        }
    }
}
