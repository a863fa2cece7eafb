using System.Collections.Immutable;
using QuantumFlow.Models.Book;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.Prediction.Live;
using QuantumFlow.Models.Prediction.Logistic;
using QuantumFlow.Models.Prediction.Neural;
using QuantumFlow.Models.Venues;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Models.Tests.Prediction;

/// <summary>
/// A book's predictor saved at one event and restored into a new one (what a restart or a shard handover does with
/// the book's checkpoint) goes on exactly as the predictor that never stopped: the same feature vectors, the same
/// predictions of every member, the same ensemble weights and resolved labels, bit for bit, and at the end the same
/// state. Cut points fall in the warm-up, mid-run and late, on real recorded data.
/// </summary>
public sealed class PredictorStateTests
{
    private static readonly List<MarketEvent> Events = TestData.SampleEvents(24_000);
    private static readonly LogisticMember Logistic = LogisticMember.Load(Path.Combine(TestData.RepoRoot, "models"))!;
    private static readonly ImmutableArray<string> Names = new FeatureEngine(FeatureOptions.Default).Schema.Names;
    private static readonly NeuralSequenceModel Network = TestNetworks.Lstm("net", windowLength: 8, Names);

    private static BookPredictor NewBook(LabelOptions? labels = null) =>
        new(Venue.BinanceUsdm, "BTCUSDT", FeatureOptions.Default, [DirichletStateOptions.Default, DirichletStateOptions.Default with { Name = "bayes-global", Conditioned = false }],
            [Network], labels ?? Logistic.Label, EnsembleOptions.Default, copyWindows: false, [Logistic.Create]);

    private sealed record Step(long Sequence, long[] Bits, CompletedPrediction? Prediction);

    private static List<Step> Run(BookPredictor book, int from, int to)
    {
        var steps = new List<Step>();
        for (int i = from; i < to; i++)
        {
            if (book.Apply(Events[i]) is not { } v) continue;
            long[] bits = [.. v.Values.ToArray().Select(BitConverter.DoubleToInt64Bits)];
            CompletedPrediction? p = book.Predictor.Observe(v) is { } pending ? book.Predictor.Finish(pending) : null;
            steps.Add(new Step(v.Sequence, bits, p));
        }
        return steps;
    }

    /// <summary>The book as a book actor's checkpoint holds it after event <paramref name="cut"/> (moved on to the next event where the book is synced).</summary>
    private static (int Cut, BookSnapshot Book) CheckpointAt(int cut)
    {
        var replica = new BookReplica(Venue.BinanceUsdm, "BTCUSDT");
        for (int i = 0; i < Events.Count; i++)
        {
            try
            {
                replica.Apply(Events[i]);
            }
            catch (MarketDataException)
            {
                // refused by every replica alike
            }
            if (i + 1 >= cut && replica.Checkpoint() is { } book) return (i + 1, book);
        }
        throw new InvalidOperationException($"the book is never synced after event {cut}");
    }

    private static void AssertSame(List<Step> expected, List<Step> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Step a = expected[i], b = actual[i];
            Assert.Equal(a.Sequence, b.Sequence);
            Assert.True(a.Bits.SequenceEqual(b.Bits), $"features of vector {a.Sequence} differ");
            Assert.Equal(a.Prediction is null, b.Prediction is null);
            if (a.Prediction is not { } x || b.Prediction is not { } y) continue;
            Assert.Equal(x.PerModel.ToArray(), y.PerModel.ToArray());
            Assert.Equal(x.Weights.ToArray(), y.Weights.ToArray());
            Assert.True(x.Ensemble == y.Ensemble, $"prediction {x.Sequence}: {x.Ensemble} vs {y.Ensemble}");
            Assert.Equal(x.Resolved.ToArray(), y.Resolved.ToArray());
        }
    }

    [Theory]
    [InlineData(300)]
    [InlineData(6_000)]
    [InlineData(19_000)]
    public void A_restored_predictor_goes_on_exactly_as_one_that_never_stopped(int at)
    {
        (int cut, BookSnapshot checkpoint) = CheckpointAt(at);
        BookPredictor straight = NewBook();
        List<Step> all = Run(straight, 0, Events.Count);

        BookPredictor before = NewBook();
        List<Step> first = Run(before, 0, cut);
        Assert.True(before.CanSaveState);
        byte[] state = before.SaveState();

        BookPredictor after = NewBook();
        Assert.Null(after.Restore(checkpoint, state));
        List<Step> rest = Run(after, cut, Events.Count);
        Assert.True(rest.Count(s => s.Prediction is { Resolved.Length: > 0 }) > 100, "too few resolved predictions after the cut to prove anything");
        AssertSame(all[first.Count..], rest);
        // Everything that will shape later predictions is the same too, down to the last bit.
        Assert.Equal(straight.SaveState(), after.SaveState());

        // And it matters: a predictor that starts from the book alone predicts otherwise.
        BookPredictor fresh = NewBook();
        Assert.NotNull(fresh.Restore(checkpoint, null));
        List<Step> forgetful = Run(fresh, cut, Events.Count);
        Assert.Contains(forgetful.Zip(rest), p => p.First.Prediction?.Ensemble != p.Second.Prediction?.Ensemble);
    }

    [Fact]
    public void A_state_from_another_configuration_is_refused_and_the_book_starts_from_the_book_alone()
    {
        (int cut, BookSnapshot checkpoint) = CheckpointAt(5_000);
        BookPredictor before = NewBook();
        Run(before, 0, cut);
        byte[] state = before.SaveState();

        LabelOptions other = Logistic.Label with { Horizon = Logistic.Label.Horizon * 2 };
        BookPredictor changed = NewBook(other);
        Assert.Contains("another configuration", changed.Restore(checkpoint, state));
        BookPredictor fresh = NewBook(other);
        fresh.Restore(checkpoint, null);
        AssertSame(Run(fresh, cut, cut + 3_000), Run(changed, cut, cut + 3_000));
    }

    [Fact]
    public void A_damaged_state_is_refused_with_where_it_broke_and_nothing_of_it_is_kept()
    {
        (int cut, BookSnapshot checkpoint) = CheckpointAt(5_000);
        BookPredictor before = NewBook();
        Run(before, 0, cut);
        byte[] state = before.SaveState();

        // Cut inside the predictor's part: the feature engine loaded, the learners half; all of it must be dropped.
        BookPredictor damaged = NewBook();
        string? problem = damaged.Restore(checkpoint, state[..(state.Length - 200)]);
        Assert.NotNull(problem);
        Assert.Contains("section", problem);
        BookPredictor fresh = NewBook();
        fresh.Restore(checkpoint, null);
        AssertSame(Run(fresh, cut, cut + 3_000), Run(damaged, cut, cut + 3_000));

        Assert.NotNull(NewBook().Restore(checkpoint, [.. state, 1, 2, 3]));
    }

    [Fact]
    public void Features_alone_restored_from_their_state_go_on_exactly()
    {
        (int cut, BookSnapshot checkpoint) = CheckpointAt(7_000);
        var straight = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        var before = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        var expected = new List<long[]>();
        for (int i = 0; i < Events.Count; i++)
        {
            if (straight.Apply(Events[i]) is { } v && i >= cut) expected.Add([.. v.Values.ToArray().Select(BitConverter.DoubleToInt64Bits)]);
            if (i < cut) before.Apply(Events[i]);
        }
        var after = new FeatureReplica(Venue.BinanceUsdm, "BTCUSDT");
        Assert.Null(after.Restore(checkpoint, before.SaveState()));
        var actual = new List<long[]>();
        for (int i = cut; i < Events.Count; i++)
        {
            if (after.Apply(Events[i]) is { } v) actual.Add([.. v.Values.ToArray().Select(BitConverter.DoubleToInt64Bits)]);
        }
        Assert.True(expected.Count > 1_000);
        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < expected.Count; k++) Assert.True(expected[k].SequenceEqual(actual[k]), $"vector {k} after the cut differs");
    }
}
