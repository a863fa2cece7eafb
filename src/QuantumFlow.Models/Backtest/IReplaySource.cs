namespace QuantumFlow.Models.Backtest;

/// <summary>
/// Where a backtest's steps come from (the journal by venue/symbol tag and time range, or recording files), already
/// run through the prediction pipeline. Steps of one book arrive in the order that book's live actor applied them.
/// </summary>
public interface IReplaySource
{
    /// <summary>What is replayed, for the report and the progress bar ("journal sqlite: binance-usdm:BTCUSDT").</summary>
    string Description { get; }

    /// <summary>Total events when known up front (drives the progress bar), otherwise null.</summary>
    long? EstimatedEvents { get; }

    IEnumerable<ReplayStep> Steps(CancellationToken cancellationToken);
}
