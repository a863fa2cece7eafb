using QuantumFlow.Models.Features.Depth;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Features.OrderFlow;

/// <summary>
/// Order-flow imbalance per book update, over cumulative levels 1..L: the seed's positional increases-only OFI (kept
/// under the seed names so results stay comparable) and the Cont-Kukanov-Stoikov OFI, with rolling statistics. All
/// arithmetic is on exact raw sizes, so the rolling sums, means and deviations are exact, whatever the history.
/// </summary>
internal sealed class OrderFlowImbalance
{
    private const double InverseScale = 1.0 / FixedPoint.Scale;

    private readonly int[] _levels;
    private readonly int[] _windows;
    private readonly FlowWindows[] _flows;
    private readonly int[] _seedIndex;     // per level: ofi, then per window mean, std, sum
    private readonly int[] _cksIndex;      // per level: cks, then per window sum, norm

    public OrderFlowImbalance(FeatureOptions options, List<string> names)
    {
        _levels = [.. options.OfiLevels];
        _windows = [.. options.OfiWindows];
        _flows = new FlowWindows[_levels.Length];
        _seedIndex = new int[_levels.Length];
        _cksIndex = new int[_levels.Length];
        for (int l = 0; l < _levels.Length; l++)
        {
            int level = _levels[l];
            _flows[l] = new FlowWindows(_windows);
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
            FlowWindows flows = _flows[l];
            if (comparable)
            {
                long seedOfi = bids.SeedFlow(level) - asks.SeedFlow(level);
                long cksOfi = bids.CksFlow(level) - asks.CksFlow(level);
                flows.Push(seedOfi, cksOfi, bids.QuantityOf(level) + asks.QuantityOf(level));
                v[si] = seedOfi * InverseScale;
                v[ci] = cksOfi * InverseScale;
            }
            else
            {
                v[si] = 0;
                v[ci] = 0;
            }
            flows.Write(v, si, ci, level);
        }
    }

    public void Save(StateWriter w)
    {
        foreach (FlowWindows f in _flows) f.Save(w);
    }

    public void Load(StateReader r)
    {
        foreach (FlowWindows f in _flows) f.Load(r);
    }

    public void Clear()
    {
        foreach (FlowWindows f in _flows) f.Clear();
    }
}
