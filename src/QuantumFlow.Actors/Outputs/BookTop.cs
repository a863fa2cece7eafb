using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Outputs;

/// <summary>
/// A book's top levels after a journaled batch, for subscribers (dashboards, the API, the CLI); published once more,
/// not valid and <see cref="IsStale"/>, when the book's events stop (<see cref="Books.BookActorOptions.StaleAfter"/>).
/// </summary>
public sealed record BookTop(string EntityId, bool IsValid, long LastUpdateId, long ExchangeTimeNs, long ReceiveTimeNs, IReadOnlyList<LevelUpdate> Bids, IReadOnlyList<LevelUpdate> Asks) : IQuantumFlowMessage
{
    public bool IsStale { get; init; }
}
