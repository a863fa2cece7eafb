using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Arbitrage;

/// <summary>
/// Cross-venue arbitrage on the same base asset: buy at one venue's ask, sell at another's bid, both converted to USD
/// with the configured quote rates (USDT is not USD unless the operator says so), net of the taker fee on each leg.
/// </summary>
public static class ArbitrageScanner
{
    /// <summary>A venue's best quotes for one instrument, in its own quote currency.</summary>
    public sealed record Quote(Instrument Instrument, decimal Bid, decimal Ask);

    /// <param name="quoteUsdRates">USD value of one unit of each quote currency; a quote currency not named here is not compared.</param>
    /// <param name="takerFeeBps">A venue id's taker fee, in bps of notional, per leg.</param>
    public static ArbitrageView Scan(string baseAsset, IReadOnlyList<Quote> quotes, IReadOnlyDictionary<string, decimal> quoteUsdRates, Func<string, double> takerFeeBps)
    {
        var usable = quotes.Where(q => q.Bid > 0 && q.Ask > 0 && quoteUsdRates.ContainsKey(q.Instrument.Quote)).ToList();
        if (usable.Select(q => q.Instrument.VenueId).Distinct().Count() < 2)
        {
            string why = quotes.Select(q => q.Instrument.VenueId).Distinct().Count() < 2
                ? $"needs two venues: only {string.Join(", ", quotes.Select(q => q.Instrument.EntityId))} carries {baseAsset}"
                : $"needs two venues with a known USD rate for their quote currency ({string.Join(", ", quotes.Select(q => q.Instrument.Quote).Distinct())})";
            return new ArbitrageView(baseAsset, why, []);
        }
        var opportunities = new List<ArbitrageOpportunity>();
        foreach (Quote buy in usable)
        {
            foreach (Quote sell in usable)
            {
                if (buy.Instrument.VenueId == sell.Instrument.VenueId) continue;
                decimal askUsd = buy.Ask * quoteUsdRates[buy.Instrument.Quote];
                decimal bidUsd = sell.Bid * quoteUsdRates[sell.Instrument.Quote];
                double gross = (double)((bidUsd - askUsd) / askUsd) * 1e4;
                double fees = takerFeeBps(buy.Instrument.VenueId) + takerFeeBps(sell.Instrument.VenueId);
                opportunities.Add(new ArbitrageOpportunity(buy.Instrument.EntityId, sell.Instrument.EntityId, askUsd, bidUsd, gross, fees, gross - fees));
            }
        }
        return new ArbitrageView(baseAsset, null, opportunities.OrderByDescending(o => o.NetBps).ToList());
    }
}
