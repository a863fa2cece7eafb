namespace QuantumFlow.Host.Web.Contracts;

/// <summary>The paper strategy of one symbol (see PaperStrategy), and the ensemble's hit rate over all resolved predictions.</summary>
public sealed record PaperPayload(string Symbol, long Trades, double HitRate, double GrossPnlBps, double FeesBps, double NetPnlBps, double TakerFeeBps, long Resolved, double EnsembleHitRate);
