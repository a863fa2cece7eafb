using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Outputs;

/// <summary>A book's top levels after a journaled batch, for subscribers (dashboards, the API, the CLI).</summary>
public sealed record BookTop(string EntityId, bool IsValid, long LastUpdateId, long ExchangeTimeNs, long ReceiveTimeNs, IReadOnlyList<LevelUpdate> Bids, IReadOnlyList<LevelUpdate> Asks) : IQuantumFlowMessage;
