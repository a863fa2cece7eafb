using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Features.Depth;

/// <summary>Volume over the top D levels of each side, its imbalances and concentration, and the spread family.</summary>
internal sealed class VolumeProfile
{
    private const double Scale = FixedPoint.Scale;

    private readonly int _depth;
    private readonly int _concentration;
    private readonly int _i;

    public VolumeProfile(FeatureOptions options, List<string> names)
    {
        _depth = options.VolumeDepth;
        _concentration = options.ConcentrationDepth;
        _i = names.Count;
        names.AddRange([
            FeatureNames.TotalBidVolume, FeatureNames.TotalAskVolume, FeatureNames.VolumeImbalance,
            FeatureNames.VolumeImbalanceRatio, FeatureNames.DepthImbalance, FeatureNames.LiquidityConcentrationBid,
            FeatureNames.LiquidityConcentrationAsk, FeatureNames.Spread, FeatureNames.SpreadBps,
            FeatureNames.RelativeSpread, FeatureNames.VolumeWeightedSpreadBps,
        ]);
    }

    public void Update(SideDepth bids, SideDepth asks, double[] v)
    {
        int i = _i;
        long bRaw = bids.QuantityOf(_depth), aRaw = asks.QuantityOf(_depth);
        double b = bRaw / Scale, a = aRaw / Scale;
        v[i] = b;
        v[i + 1] = a;
        v[i + 2] = b - a;
        v[i + 3] = bRaw + aRaw > 0 ? (double)(bRaw - aRaw) / (bRaw + aRaw) : 0;
        v[i + 4] = aRaw > 0 ? (double)bRaw / aRaw : 0;
        v[i + 5] = bRaw > 0 ? (double)bids.QuantityOf(_concentration) / bRaw : 0;
        v[i + 6] = aRaw > 0 ? (double)asks.QuantityOf(_concentration) / aRaw : 0;
        if (bids.IsEmpty || asks.IsEmpty)
        {
            v[i + 7] = v[i + 8] = v[i + 9] = v[i + 10] = 0;
            return;
        }
        double bid = bids.BestPrice, ask = asks.BestPrice;
        double mid = (bids.Best.Price.Raw + asks.Best.Price.Raw) / (2 * Scale);
        double spread = ask - bid; // negative on a crossed book: reported as is, book_valid says it is not a price
        v[i + 7] = spread;
        v[i + 8] = mid > 0 ? spread / mid * 1e4 : 0;
        v[i + 9] = mid > 0 ? spread / mid : 0;
        double vwapBid = bids.NotionalOf(_depth) / bRaw, vwapAsk = asks.NotionalOf(_depth) / aRaw;
        v[i + 10] = mid > 0 ? (vwapAsk - vwapBid) / mid * 1e4 : 0;
    }
}
