using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Host.Backtest;

/// <summary>Where a backtest's market events come from.</summary>
public enum ReplayInput
{
    /// <summary>Recording files of one session, decoded as the replay feed decodes them.</summary>
    Recordings,
    /// <summary>A node's journal, one book by its entity id.</summary>
    Journal,
}

/// <summary>What <see cref="ReplaySources.Create"/> replays and which models predict on it.</summary>
public sealed record ReplaySourceOptions
{
    public ReplayInput Input { get; init; } = ReplayInput.Recordings;

    /// <summary>The recording files (<see cref="ReplayInput.Recordings"/>), in session order.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The journal (<see cref="ReplayInput.Journal"/>): sqlite:PATH or postgres:CONNSTR, as the node's --journal.</summary>
    public JournalOptions Journal { get; init; } = JournalOptions.Default;

    /// <summary>The book, venue:symbol ("binance-usdm:BTCUSDT"): required for a journal; for recordings, null replays the first book in the files.</summary>
    public string? EntityId { get; init; }

    /// <summary>Steps start at events received at or after this time (earlier ones still warm the book and models).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Reading stops at the first event received at or after this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Checkpoints directory (as `run --models`); null looks where `run` looks.</summary>
    public string? ModelsDirectory { get; init; }

    /// <summary>Only the online Bayesian learners, no trained models (fast; no checkpoints needed).</summary>
    public bool BayesianOnly { get; init; }

    /// <summary>Yield a step for every event (the execution simulator needs them); false: only steps with a prediction.</summary>
    public bool EveryEvent { get; init; } = true;
}
