using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;

namespace QuantumFlow.Models.Tests.Prediction;

public sealed class FeatureWindowTests
{
    [Fact]
    public void Keeps_the_last_rows_oldest_first_and_pads_a_short_history_with_the_oldest_row()
    {
        var w = new FeatureWindow(["a", "b"], 3);
        w.Push([1, 10]);
        var padded = new double[8];
        w.CopyLast(4, padded);
        Assert.Equal(new double[] { 1, 10, 1, 10, 1, 10, 1, 10 }, padded);
        for (int i = 2; i <= 5; i++) w.Push([i, 10 * i]);
        Assert.True(w.IsFull);
        Assert.Equal(new double[] { 5, 50 }, w.Latest.ToArray());
        var last = new double[6];
        w.CopyLast(3, last);
        Assert.Equal(new double[] { 3, 30, 4, 40, 5, 50 }, last);
        FeatureWindow copy = w.Copy();
        w.Push([6, 60]);
        Assert.Equal(5, copy.Latest[0]);
        Assert.Throws<ArgumentException>(() => w.Push([1]));
    }

    [Fact]
    public void Class_probabilities_normalise_and_fall_back_to_uniform_on_garbage()
    {
        ClassProbabilities p = ClassProbabilities.Normalized(1, 2, 1);
        Assert.Equal(0.5, p.Flat, 12);
        Assert.Equal(LabelClass.Flat, p.Predicted);
        Assert.Equal(ClassProbabilities.Uniform, ClassProbabilities.Normalized(double.NaN, 1, 1));
        Assert.Equal(LabelClass.Up, ClassProbabilities.Softmax(0, 1, 800).Predicted);
        Assert.Equal(Math.Log(2), ClassProbabilities.Normalized(1, 0, 1).LogLoss(LabelClass.Up), 12);
    }
}
