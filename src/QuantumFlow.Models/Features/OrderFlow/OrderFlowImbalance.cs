using QuantumFlow.Models.Features.Depth;
using QuantumFlow.Models.Features.Rolling;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Features.OrderFlow;

/// <summary>
/// Order-flow imbalance per book update, over cumulative levels 1..L: the seed's positional increases-only OFI (kept
/// under the seed names so results stay comparable) and the Cont-Kukanov-Stoikov OFI, with rolling statistics. All
/// arithmetic is on exact raw sizes, so the rolling sums, means and deviations are exact, whatever the history.
/// </summary>
internal sealed class OrderFlowImbalance
{
    private const double Scale = FixedPoint.Scale;

    private readonly int[] _levels;
    private readonly int[] _windows;
    private readonly RollingIntegerStats[] _seed;
    private readonly RollingIntegerStats[] _cks;
    private readonly RollingIntegerStats[] _depth;
    private readonly int[] _seedIndex;     // per level: ofi, then per window mean, std, sum
    private readonly int[] _cksIndex;      // per level: cks, then per window sum, norm

    public OrderFlowImbalance(FeatureOptions options, List<string> names)
    {
        _levels = [.. options.OfiLevels];
        _windows = [.. options.OfiWindows];
        _seed = new RollingIntegerStats[_levels.Length];
        _cks = new RollingIntegerStats[_levels.Length];
        _depth = new RollingIntegerStats[_levels.Length];
        _seedIndex = new int[_levels.Length];
        _cksIndex = new int[_levels.Length];
        for (int l = 0; l < _levels.Length; l++)
        {
            int level = _levels[l];
            _seed[l] = new RollingIntegerStats(_windows, trackSquares: true);
            _cks[l] = new RollingIntegerStats(_windows, trackSquares: false);
            _depth[l] = new RollingIntegerStats(_windows, trackSquares: false);
            _seedIndex[l] = names.Count;
            names.Add(FeatureNames.Ofi(level));
            foreach (int w in _windows)
            {
                names.Add(FeatureNames.OfiMean(level, w));
                names.Add(FeatureNames.OfiStd(level, w));
                names.Add(FeatureNames.OfiSum(level, w));
            }
        }
        for (int l = 0; l < _levels.Length; l++)
        {
            int level = _levels[l];
            _cksIndex[l] = names.Count;
            names.Add(FeatureNames.CksOfi(level));
            foreach (int w in _windows)
            {
                names.Add(FeatureNames.CksOfiSum(level, w));
                names.Add(FeatureNames.CksOfiNorm(level, w));
            }
        }
    }

    /// <summary>
    /// Records one book update. <paramref name="comparable"/> is false for a snapshot (the first, or a resync): there
    /// is no earlier book to compare with, so both OFIs are 0 and nothing enters the windows, as in the seed.
    /// </summary>
    public void Update(SideDepth bids, SideDepth asks, bool comparable, double[] v)
    {
        for (int l = 0; l < _levels.Length; l++)
        {
            int level = _levels[l];
            int si = _seedIndex[l], ci = _cksIndex[l];
            RollingIntegerStats seed = _seed[l], cks = _cks[l], depth = _depth[l];
            if (comparable)
            {
                long seedOfi = bids.SeedFlow(level) - asks.SeedFlow(level);
                long cksOfi = bids.CksFlow(level) - asks.CksFlow(level);
                seed.Push(seedOfi);
                cks.Push(cksOfi);
                depth.Push(bids.QuantityOf(level) + asks.QuantityOf(level));
                v[si] = seedOfi / Scale;
                v[ci] = cksOfi / Scale;
            }
            else
            {
                v[si] = 0;
                v[ci] = 0;
            }
            for (int k = 0; k < _windows.Length; k++)
            {
                int n = seed.Count(k);
                long sum = seed.Sum(k);
                int o = si + 1 + 3 * k;
                v[o] = n == 0 ? 0 : sum / Scale / n;
                v[o + 1] = seed.PopulationStd(k) / Scale;
                v[o + 2] = sum / Scale;

                long cksSum = cks.Sum(k);
                long depthSum = depth.Sum(k); // over n updates of 2L levels: mean depth per level = depthSum / (2 L n)
                int c = ci + 1 + 2 * k;
                v[c] = cksSum / Scale;
                v[c + 1] = depthSum <= 0 ? 0 : (double)cksSum * (2.0 * level * cks.Count(k)) / depthSum;
            }
        }
    }

    public void Clear()
    {
        foreach (RollingIntegerStats s in _seed) s.Clear();
        foreach (RollingIntegerStats s in _cks) s.Clear();
        foreach (RollingIntegerStats s in _depth) s.Clear();
    }
}
