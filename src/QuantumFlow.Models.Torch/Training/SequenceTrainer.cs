using TorchSharp;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Training;

/// <summary>
/// Adam, cross-entropy (class-weighted only when asked), gradient clipping, ReduceLROnPlateau on the validation loss, early stopping
/// with the best weights restored. The validation set must come after the training set in time (chronological split
/// with a purge gap is the caller's job; see the train verb).
/// </summary>
public static class SequenceTrainer
{
    private const int BatchesPerRegion = 16;

    public static IReadOnlyList<EpochReport> Train(nn.Module<Tensor, Tensor> network, SequenceData train, SequenceData validation,
        TrainOptions options, Action<EpochReport>? progress = null, CancellationToken cancel = default)
    {
        TorchRuntime.Initialize();
        var rng = new Random(options.Seed);
        using Tensor? weights = options.ClassWeights ? tensor(train.ClassWeights()) : null;
        var optimizer = optim.Adam(network.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        double lr = options.LearningRate, best = double.PositiveInfinity;
        int sinceBest = 0, sinceLr = 0;
        Dictionary<string, Tensor>? bestState = null;
        var reports = new List<EpochReport>();
        int[] order = [.. Enumerable.Range(0, train.Count)];
        int stride = train.Window * train.Features;
        var batchX = new float[options.BatchSize * stride];
        var batchY = new long[options.BatchSize];

        for (int epoch = 1; epoch <= options.Epochs && !cancel.IsCancellationRequested; epoch++)
        {
            network.train();
            rng.Shuffle(order);
            double lossSum = 0;
            int seen = 0;
            // Batches run in groups inside one no-GC region each (TorchRuntime.WithoutCollection): entering a region
            // collects, which once per batch added a quarter to the training time.
            for (int group = 0; group < order.Length; group += BatchesPerRegion * options.BatchSize)
            {
                int end = Math.Min(order.Length, group + BatchesPerRegion * options.BatchSize);
                TorchRuntime.WithoutCollection(() =>
                {
                    for (int start = group; start < end; start += options.BatchSize)
                    {
                        int n = Math.Min(options.BatchSize, end - start);
                        for (int i = 0; i < n; i++)
                        {
                            int k = order[start + i];
                            Array.Copy(train.X, (long)k * stride, batchX, (long)i * stride, stride);
                            batchY[i] = train.Y[k];
                        }
                        using var scope = NewDisposeScope();
                        Tensor x = tensor(batchX.AsSpan(0, n * stride).ToArray(), [n, train.Window, train.Features]);
                        Tensor y = tensor(batchY.AsSpan(0, n).ToArray());
                        optimizer.zero_grad();
                        Tensor loss = nn.functional.cross_entropy(network.call(x), y, weights);
                        loss.backward();
                        nn.utils.clip_grad_norm_(network.parameters(), options.ClipNorm);
                        optimizer.step();
                        lossSum += loss.item<float>() * n;
                        seen += n;
                    }
                }, budgetBytes: (64L << 20) + 2L * BatchesPerRegion * batchX.Length * sizeof(float));
            }

            // Early stopping on the plain validation log-loss: the proper score, whatever the training weights.
            (double valLoss, double valAcc) = Evaluate(network, validation);
            bool improved = valLoss < best - options.MinDelta;
            if (improved)
            {
                best = valLoss;
                sinceBest = sinceLr = 0;
                if (bestState is not null) foreach (Tensor t in bestState.Values) t.Dispose();
                bestState = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
            else
            {
                sinceBest++;
                if (++sinceLr >= options.LrPatience && lr > options.MinLearningRate)
                {
                    lr = Math.Max(options.MinLearningRate, lr * options.LrFactor);
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
                    sinceLr = 0;
                }
            }
            var report = new EpochReport(epoch, lossSum / Math.Max(1, seen), valLoss, valAcc, lr, improved);
            reports.Add(report);
            progress?.Invoke(report);
            if (sinceBest >= options.Patience) break;
        }
        if (bestState is not null)
        {
            network.load_state_dict(bestState);
            foreach (Tensor t in bestState.Values) t.Dispose();
        }
        network.eval();
        return reports;
    }

    /// <summary>Mean (class-weighted) cross-entropy and accuracy, in eval mode, without gradients.</summary>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> network, SequenceData data, Tensor? weights = null, int batch = 512)
    {
        if (data.Count == 0) return (double.NaN, double.NaN);
        network.eval();
        using var noGrad = no_grad();
        int stride = data.Window * data.Features;
        double loss = 0;
        long correct = 0;
        for (int start = 0; start < data.Count; start += batch)
        {
            int n = Math.Min(batch, data.Count - start);
            (double batchLoss, long batchCorrect) = TorchRuntime.WithoutCollection(() =>
            {
                using var scope = NewDisposeScope();
                Tensor x = tensor(data.X.AsSpan(start * stride, n * stride).ToArray(), [n, data.Window, data.Features]);
                Tensor y = tensor(data.Y.AsSpan(start, n).ToArray().Select(v => (long)v).ToArray());
                Tensor logits = network.call(x);
                return ((double)nn.functional.cross_entropy(logits, y, weights).item<float>(), logits.argmax(1).eq(y).sum().item<long>());
            });
            loss += batchLoss * n;
            correct += batchCorrect;
        }
        return (loss / data.Count, (double)correct / data.Count);
    }
}
