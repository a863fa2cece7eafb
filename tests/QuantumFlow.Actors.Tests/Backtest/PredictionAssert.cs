using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Actors.Tests.Backtest;

/// <summary>Live prediction events against replayed predictions: same sequence, and every double the same bits.</summary>
public static class PredictionAssert
{
    public static void Same(IReadOnlyList<PredictionEvent> live, IReadOnlyList<CompletedPrediction> replayed)
    {
        Assert.Equal(replayed.Count, live.Count);
        for (int i = 0; i < live.Count; i++)
        {
            PredictionEvent l = live[i];
            CompletedPrediction r = replayed[i];
            string at = $"prediction {i} (sequence {l.Sequence})";
            Assert.True(r.Sequence == l.Sequence, $"{at}: replay sequence {r.Sequence}");
            Assert.True(r.TimeNs == l.TimeNs && r.ReceiveTimeNs == l.ReceiveTimeNs, $"{at}: times differ");
            Assert.True(r.PerModel.Length == l.Models.Count, $"{at}: {r.PerModel.Length} models replayed, {l.Models.Count} live");
            for (int m = 0; m < l.Models.Count; m++)
            {
                ModelOutput o = l.Models[m];
                Assert.True(Bits(o.Down) == Bits(r.PerModel[m].Down) && Bits(o.Flat) == Bits(r.PerModel[m].Flat) && Bits(o.Up) == Bits(r.PerModel[m].Up),
                    $"{at}, model {o.Name}: live {o.Down:R}/{o.Flat:R}/{o.Up:R}, replay {r.PerModel[m]}");
                Assert.True(Bits(o.Weight) == Bits(r.Weights[m]), $"{at}, model {o.Name}: live weight {o.Weight:R}, replay {r.Weights[m]:R}");
            }
            Assert.True(Bits(l.Down) == Bits(r.Ensemble.Down) && Bits(l.Flat) == Bits(r.Ensemble.Flat) && Bits(l.Up) == Bits(r.Ensemble.Up),
                $"{at}: live ensemble {l.Down:R}/{l.Flat:R}/{l.Up:R}, replay {r.Ensemble}");
            Assert.True(l.Predicted == r.Predicted && Bits(l.Confidence) == Bits(r.Confidence), $"{at}: predicted class or confidence differ");
        }
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}
