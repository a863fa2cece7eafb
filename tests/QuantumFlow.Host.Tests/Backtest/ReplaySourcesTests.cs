using QuantumFlow.Actors.Hosting;
using QuantumFlow.Host.Backtest;
using QuantumFlow.Host.Cli;
using QuantumFlow.Models.Backtest;

namespace QuantumFlow.Host.Tests.Backtest;

/// <summary>What the backtest verb gets from <see cref="ReplaySources.Create"/>, and the clear errors it gets for bad options.</summary>
public sealed class ReplaySourcesTests
{
    [Fact]
    public void The_shipped_sample_replays_with_the_shipped_models_and_a_prediction_on_most_book_updates()
    {
        IReplaySource source = ReplaySources.Create(new ReplaySourceOptions
        {
            Paths = SampleRecording.Files,
            EntityId = "binance-usdm:BTCUSDT",
            EveryEvent = false,
            To = DateTimeOffset.FromUnixTimeMilliseconds(1721347200000), // the first file's events only (23:57-00:00)
        });
        Assert.Contains("btcusdt_20240718.gz", source.Description);
        List<ReplayStep> steps = [.. source.Steps(CancellationToken.None)];
        Assert.True(steps.Count > 1_000, $"{steps.Count} predictions");
        Assert.All(steps, s => Assert.True(s.Event.ReceiveTimeNs < 1721347200000L * 1_000_000));
        // The learners and the shipped checkpoints, in the live order.
        Assert.Equal(6, steps[^1].Prediction!.PerModel.Length);
        Assert.Equal(1, steps[^1].Prediction!.Weights.Sum(), 9);
    }

    [Fact]
    public void Bad_options_are_refused_with_what_is_wrong()
    {
        Assert.Contains("book id", Assert.Throws<ArgumentException>(() => ReplaySources.Create(new ReplaySourceOptions
        {
            Input = ReplayInput.Journal, Journal = JournalOptions.Parse("sqlite:/tmp/none.db"), BayesianOnly = true,
        })).Message);
        Assert.Contains("'BTCUSDT'", Assert.Throws<ArgumentException>(() => ReplaySources.Create(new ReplaySourceOptions
        {
            Paths = SampleRecording.Files, EntityId = "BTCUSDT", BayesianOnly = true,
        })).Message);
        Assert.Contains("not found", Assert.Throws<ArgumentException>(() => ReplaySources.Create(new ReplaySourceOptions
        {
            Paths = ["/nonexistent/recording.gz"], BayesianOnly = true,
        })).Message);
    }
}
