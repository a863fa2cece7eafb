using System.Collections.Immutable;
using System.Globalization;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Baselines;
using QuantumFlow.Models.Prediction.Logistic;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.Prediction.Training;
using QuantumFlow.Models.Torch.Networks;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch.Training;

/// <summary>
/// What the train verb runs: chronological split by session with a purge gap, scaler fit on train only, then per
/// architecture a small random hyperparameter search (each trial: plain cross-entropy, LR plateau, early stopping on
/// the validation log-loss), the best trial calibrated by temperature scaling on the validation part and saved as a
/// checkpoint; beside them the logistic member. The test part is not touched here.
/// </summary>
public sealed class ModelTrainer(TrainSettings settings, Action<string> log)
{
    /// <exception cref="OperationCanceledException">cancelled (SIGINT/SIGTERM): checkpoints already saved stay, the model in progress is not saved.</exception>
    public IReadOnlyList<NetworkCheckpoint> Run(IReadOnlyList<SessionRows> sessions, Action<string, int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TorchRuntime.Initialize(settings.Threads, settings.Seed);
        ChronologicalSplit split = ChronologicalSplit.Make(sessions, settings.Window, s => HorizonRows([s], settings.Labels));
        log($"examples: train {split.Train.Count}, validation {split.Validation.Count}, test {split.Test.Count} (held out), purge {split.Purge} rows");
        if (split.Train.Count == 0 || split.Validation.Count == 0)
            throw new ArgumentException($"not enough labelled rows for a train and a validation part ({split.Train.Count} and {split.Validation.Count} examples; sessions shorter than a window, a purge and a label horizon give none)");
        ImmutableArray<string> features = ModelInputs.Of(sessions[0].Names);
        Scaler scaler = TrainingData.FitScaler(sessions, split.Train, features);
        List<Example> train = Subsample(split.Train, settings.MaxTrainExamples);
        SequenceData trainData = TrainingData.Build(sessions, train, scaler, settings.Window);
        SequenceData validationData = TrainingData.Build(sessions, split.Validation, scaler, settings.Window);
        int[] counts = new int[3];
        foreach (int y in trainData.Y) counts[y]++;
        log($"train classes: down {counts[0]}, flat {counts[1]}, up {counts[2]}; {features.Length} features, window {settings.Window}");

        if (settings.Logistic) TrainLogistic(sessions, train, split.Validation, features, HorizonRows(sessions, settings.Labels));
        if (settings.Trees) TreeCandidate.Compare(sessions, train, split.Validation, features, settings.Seed, log);


        var rng = new Random(settings.Seed);
        var saved = new List<NetworkCheckpoint>();
        foreach (NetworkKind kind in settings.Kinds)
        {
            (double Loss, NetworkShape Shape, TrainOptions Options, nn.Module<Tensor, Tensor> Net, double Acc)? best = null;
            for (int trial = 1; trial <= settings.Trials; trial++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                NetworkShape shape = Sample(kind, features.Length, rng);
                var options = new TrainOptions
                {
                    Epochs = settings.Epochs,
                    BatchSize = 64,
                    LearningRate = Math.Exp(rng.NextDouble() * (Math.Log(3e-3) - Math.Log(3e-4)) + Math.Log(3e-4)),
                    Patience = 4,
                    Seed = settings.Seed + trial,
                };
                TorchRuntime.Reseed(options.Seed);
                nn.Module<Tensor, Tensor> net = NetworkFactory.Create(shape);
                int epochs = 0;
                SequenceTrainer.Train(net, trainData, validationData, options, e =>
                {
                    epochs = e.Epoch;
                    progress?.Invoke($"{Name(kind)} trial {trial}/{settings.Trials}: epoch {e.Epoch} val loss {e.ValidationLoss:F4} acc {e.ValidationAccuracy:F3}", trial, settings.Trials);
                }, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                (double loss, double acc) = SequenceTrainer.Evaluate(net, validationData);
                log(string.Create(CultureInfo.InvariantCulture,
                    $"{Name(kind)} trial {trial}: hidden {shape.Hidden} layers {shape.Layers} dropout {shape.Dropout:F2} lr {options.LearningRate:G2}: val loss {loss:F4}, acc {acc:F3} ({epochs} epochs)"));
                if (best is null || loss < best.Value.Loss)
                {
                    best?.Net.Dispose();
                    best = (loss, shape, options, net, acc);
                }
                else net.Dispose();
            }
            var b = best!.Value;
            double temperature = TemperatureScaling.Fit(b.Net, validationData);
            TemperatureScaling.Fold(b.Net, temperature);
            (double calibrated, _) = SequenceTrainer.Evaluate(b.Net, validationData);
            log(string.Create(CultureInfo.InvariantCulture, $"{Name(kind)}: temperature {temperature:F3}, validation log-loss {b.Loss:F4} -> {calibrated:F4}"));
            var checkpoint = new NetworkCheckpoint
            {
                Name = Name(kind),
                Version = string.Create(CultureInfo.InvariantCulture, $"{Name(kind)}/{DateTime.UtcNow:yyyyMMddHHmm} h{settings.Labels.Horizon}{(settings.Labels.Unit == HorizonUnit.Milliseconds ? "ms" : "")} {settings.Labels.Mode.ToString().ToLowerInvariant()} {settings.Labels.ThresholdBps}bps L{settings.Window}"),
                Shape = b.Shape,
                WindowLength = settings.Window,
                Features = scaler.Names,
                Means = scaler.Means,
                Stds = scaler.Stds,
                Clip = scaler.Clip,
                Horizon = settings.Labels.Horizon,
                HorizonUnit = settings.Labels.Unit,
                ThresholdBps = settings.Labels.ThresholdBps,
                ThresholdMode = settings.Labels.Mode,
                Multiplier = settings.Labels.Multiplier,
                Notes = ImmutableDictionary<string, string>.Empty
                    .Add("data", string.Join(", ", sessions.Select(s => $"{s.Session} {s.Book}").Distinct()))
                    .Add("split", $"chronological per session 70/15/15, purge {split.Purge} rows; train {train.Count}, validation {split.Validation.Count}")
                    .Add(TrainingNotes.ValidationLoss, calibrated.ToString("F4", CultureInfo.InvariantCulture))
                    .Add("validation_loss_before_calibration", b.Loss.ToString("F4", CultureInfo.InvariantCulture))
                    .Add("temperature", temperature.ToString("F4", CultureInfo.InvariantCulture))
                    .Add("train_classes", string.Join('/', counts))
                    .Add("validation_accuracy", b.Acc.ToString("F4", CultureInfo.InvariantCulture))
                    .Add("learning_rate", b.Options.LearningRate.ToString("G3", CultureInfo.InvariantCulture)),
            };
            using var model = new TorchSequenceModel(checkpoint, b.Net);
            model.Save(settings.OutDirectory);
            saved.Add(checkpoint);
            log($"saved {Name(kind)} to {settings.OutDirectory} (val log-loss {calibrated:F4}, acc {b.Acc:F3})");
        }
        return saved;
    }

    /// <summary>
    /// The logistic member: fit without class weights on the training rows, its L2 and then its online learning rate
    /// chosen on the validation part (replayed per session in time order, each label learned one horizon late, as a
    /// book would), saved as <see cref="LogisticMember.FileName"/>.
    /// </summary>
    private void TrainLogistic(IReadOnlyList<SessionRows> sessions, List<Example> train, List<Example> validation, ImmutableArray<string> features, long horizonRows)
    {
        int[] map = Scaler.Fit(features, []).Bind(sessions[0].Names);
        double[] Pick(Example e) => [.. map.Select(i => sessions[e.Session].Rows[e.Row][i])];
        LabelClass LabelOf(Example e) => sessions[e.Session].Labels[e.Row]!.Value;
        List<double[]> rows = [.. train.Select(Pick)];
        List<LabelClass> labels = [.. train.Select(LabelOf)];
        (LogisticRegressionModel Model, double L2, double Loss)? best = null;
        foreach (double l2 in new[] { 1e-2, 1e-1, 0.3, 1 })
        {
            var model = LogisticRegressionModel.Fit(features, rows, labels, l2, iterations: 400, balanced: false);
            int[] bound = model.Scaler.Bind(sessions[0].Names);
            double loss = validation.Average(e => model.PredictRow(sessions[e.Session].Rows[e.Row], bound).LogLoss(LabelOf(e)));
            log(string.Create(CultureInfo.InvariantCulture, $"logistic: L2 {l2:G2}: validation log-loss {loss:F4}"));
            if (best is null || loss < best.Value.Loss) best = (model, l2, loss);
        }
        var member = new LogisticMember
        {
            Version = string.Create(CultureInfo.InvariantCulture, $"logistic/{DateTime.UtcNow:yyyyMMddHHmm} {features.Length} inputs"),
            Scaler = best!.Value.Model.Scaler,
            Weights = best.Value.Model.Weights,
            L2 = best.Value.L2,
            Label = settings.Labels,
        };
        (double Rate, double Loss)? online = null;
        foreach (double rate in new[] { 0, 3e-4, 1e-3, 3e-3 })
        {
            double loss = OnlineLoss(member with { LearningRate = rate }, sessions, validation, horizonRows);
            log(string.Create(CultureInfo.InvariantCulture, $"logistic: online rate {rate:G2}: validation log-loss {loss:F4}"));
            if (online is null || loss < online.Value.Loss - 1e-4) online = (rate, loss);
        }
        member = member with
        {
            LearningRate = online!.Value.Rate,
            Notes = ImmutableDictionary<string, string>.Empty
                .Add("data", string.Join(", ", sessions.Select(s => $"{s.Session} {s.Book}").Distinct()))
                .Add("train_examples", train.Count.ToString(CultureInfo.InvariantCulture))
                .Add(TrainingNotes.ValidationLoss, online.Value.Loss.ToString("F4", CultureInfo.InvariantCulture)),
        };
        member.Save(settings.OutDirectory);
        log(string.Create(CultureInfo.InvariantCulture, $"saved logistic to {settings.OutDirectory} (L2 {member.L2:G2}, online rate {member.LearningRate:G2}, val log-loss {online.Value.Loss:F4})"));
    }

    /// <summary>Validation log-loss of per-session copies that learn each label <paramref name="delay"/> rows after its prediction.</summary>
    private static double OnlineLoss(LogisticMember member, IReadOnlyList<SessionRows> sessions, List<Example> validation, long delay)
    {
        double sum = 0;
        foreach (IGrouping<int, Example> session in validation.GroupBy(e => e.Session))
        {
            IOnlineLearner learner = member.Create();
            var window = new FeatureWindow(sessions[session.Key].Names, 1);
            var waiting = new Queue<Example>();
            foreach (Example e in session.OrderBy(e => e.Row))
            {
                while (waiting.TryPeek(out Example w) && e.Row - w.Row > delay)
                {
                    waiting.Dequeue();
                    learner.Learn(sessions[w.Session].Rows[w.Row], sessions[w.Session].Labels[w.Row]!.Value);
                }
                window.Push(sessions[e.Session].Rows[e.Row]);
                sum += learner.Predict(window).LogLoss(sessions[e.Session].Labels[e.Row]!.Value);
                waiting.Enqueue(e);
            }
        }
        return sum / validation.Count;
    }

    /// <summary>
    /// Rows one label horizon spans: the horizon itself in events; in time, the most rows any session packs into it
    /// (x 1.5), so the purge between train and validation is never shorter than a horizon.
    /// </summary>
    public static long HorizonRows(IReadOnlyList<SessionRows> sessions, LabelOptions labels)
    {
        if (labels.Unit == HorizonUnit.Events) return labels.Horizon;
        double most = 1;
        foreach (SessionRows s in sessions)
        {
            if (s.Count < 2) continue;
            double spanMs = Math.Max(1, (s.TimesNs[^1] - s.TimesNs[0]) / 1e6);
            most = Math.Max(most, s.Count / spanMs * labels.Horizon * 1.5);
        }
        return (long)Math.Ceiling(most);
    }

    public static string Name(NetworkKind kind) => kind switch
    {
        NetworkKind.Lstm => "lstm",
        NetworkKind.AttentionLstm => "attention-lstm",
        _ => "transformer",
    };

    private static NetworkShape Sample(NetworkKind kind, int inputs, Random rng)
    {
        int[] hidden = kind == NetworkKind.Transformer ? [16, 32] : [16, 32, 48];
        // The Transformer has one causal layer (NetworkShape.Validate); the LSTMs one or two.
        int width = hidden[rng.Next(hidden.Length)];
        int layers = kind == NetworkKind.Transformer ? 1 : 1 + rng.Next(2);
        return new NetworkShape
        {
            Kind = kind,
            Inputs = inputs,
            Hidden = width,
            Layers = layers,
            Dropout = Math.Round(rng.NextDouble() * 0.3, 2),
            Heads = 4,
            FeedForward = 64,
        };
    }

    private List<Example> Subsample(List<Example> examples, int max)
    {
        if (examples.Count <= max) return examples;
        var rng = new Random(settings.Seed);
        return [.. examples.OrderBy(_ => rng.Next()).Take(max)];
    }
}
