namespace QuantumFlow.Actors.Feeds.Replay;

/// <summary>
/// How far a replay has got, as its <see cref="ReplayCursor"/> journals it: in pass <paramref name="Pass"/> (from 1),
/// run as feed run <paramref name="FeedRun"/>, every event of the first <paramref name="Payloads"/> payloads is
/// journaled by its book. A restarted replay re-reads those payloads without delivering them (to number their events
/// as before, see <see cref="IngestChannel"/>) and goes on from there; its books skip whatever they journaled after
/// this point. <paramref name="Symbols"/> are the symbols the decoder knew when the pass began (a new pass tells each
/// of them the connection was reset), or, once <paramref name="Finished"/>, when it ended.
/// </summary>
public sealed record ReplayProgress(int Pass, long Payloads, long FeedRun, IReadOnlyList<string> Symbols, bool Finished) : IQuantumFlowMessage;
