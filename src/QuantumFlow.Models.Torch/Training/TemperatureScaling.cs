using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Training;

/// <summary>
/// Calibration after training: one temperature T for the logits, chosen to minimise the log-loss on validation data
/// (Guo et al. 2017). Early stopping picks the epoch, not the confidence: a network that fits its training windows
/// is over-confident on new ones, and T > 1 softens it without changing which class it ranks first. T is folded into
/// the output layer (weights and bias / T), so torch, the exported networks and every checkpoint reader apply it
/// without knowing it exists.
/// </summary>
public static class TemperatureScaling
{
    /// <summary>The temperature in [0.05, 20] that minimises the validation log-loss (golden-section search on log T).</summary>
    public static double Fit(nn.Module<Tensor, Tensor> network, SequenceData validation)
    {
        if (validation.Count == 0) return 1;
        float[] logits = Logits(network, validation);
        double lo = Math.Log(0.05), hi = Math.Log(20);
        double phi = (Math.Sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
        double fa = LogLoss(logits, validation.Y, Math.Exp(a)), fb = LogLoss(logits, validation.Y, Math.Exp(b));
        for (int i = 0; i < 60; i++)
        {
            if (fa < fb) { hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = LogLoss(logits, validation.Y, Math.Exp(a)); }
            else { lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = LogLoss(logits, validation.Y, Math.Exp(b)); }
        }
        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>Mean log-loss of softmax(logits / T).</summary>
    public static double LogLoss(float[] logits, int[] labels, double temperature)
    {
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double z0 = logits[3 * i] / temperature, z1 = logits[3 * i + 1] / temperature, z2 = logits[3 * i + 2] / temperature;
            double max = Math.Max(z0, Math.Max(z1, z2));
            double log = max + Math.Log(Math.Exp(z0 - max) + Math.Exp(z1 - max) + Math.Exp(z2 - max));
            sum += log - (labels[i] switch { 0 => z0, 1 => z1, _ => z2 });
        }
        return sum / labels.Length;
    }

    /// <summary>Divides the output layer (the last 3-row weight and its bias) by <paramref name="temperature"/>.</summary>
    /// <exception cref="InvalidOperationException">the network has no 3-output layer.</exception>
    public static void Fold(nn.Module<Tensor, Tensor> network, double temperature)
    {
        var parameters = network.named_parameters().ToList();
        int w = parameters.FindLastIndex(p => p.name.EndsWith("weight", StringComparison.Ordinal) && p.parameter.shape is [3, _]);
        if (w < 0) throw new InvalidOperationException("the network has no output layer of 3 classes");
        string bias = parameters[w].name[..^"weight".Length] + "bias";
        using var noGrad = no_grad();
        TorchRuntime.WithoutCollection(() =>
        {
            parameters[w].parameter.div_(temperature);
            parameters.Single(p => p.name == bias).parameter.div_(temperature);
        });
    }

    /// <summary>The network's logits for every example, row-major (count x 3), in eval mode.</summary>
    public static float[] Logits(nn.Module<Tensor, Tensor> network, SequenceData data, int batch = 512)
    {
        network.eval();
        using var noGrad = no_grad();
        var result = new float[data.Count * 3];
        int stride = data.Window * data.Features;
        for (int start = 0; start < data.Count; start += batch)
        {
            int n = Math.Min(batch, data.Count - start);
            float[] batchLogits = TorchRuntime.WithoutCollection(() =>
            {
                using var scope = NewDisposeScope();
                Tensor x = tensor(data.X.AsSpan(start * stride, n * stride).ToArray(), [n, data.Window, data.Features]);
                return network.call(x).to_type(ScalarType.Float32).data<float>().ToArray();
            });
            batchLogits.CopyTo(result.AsSpan(start * 3, n * 3));
        }
        return result;
    }
}
