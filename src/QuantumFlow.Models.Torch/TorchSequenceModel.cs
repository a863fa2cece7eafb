using System.Collections.Immutable;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.Torch.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace QuantumFlow.Models.Torch;

/// <summary>
/// A trained network as an <see cref="IProbabilisticModel"/>: scales the window's last <see cref="WindowLength"/> rows
/// with its own scaler (features picked by name), runs one forward pass per batch, softmax. Not thread-safe: one
/// model actor calls it.
/// </summary>
public sealed class TorchSequenceModel : IProbabilisticModel, IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly Scaler _scaler;
    private ImmutableArray<string> _boundNames;
    private int[] _map = [];
    private float[] _input = [];
    private double[] _row = [];

    public TorchSequenceModel(NetworkCheckpoint checkpoint, nn.Module<Tensor, Tensor> network)
    {
        Checkpoint = checkpoint;
        _network = network;
        _network.eval();
        _scaler = checkpoint.Scaler();
    }

    public NetworkCheckpoint Checkpoint { get; }
    public nn.Module<Tensor, Tensor> Network => _network;
    public string Name => Checkpoint.Name;
    public string Version => Checkpoint.Version;
    public int WindowLength => Checkpoint.WindowLength;

    public ClassProbabilities Predict(FeatureWindow window)
    {
        Span<ClassProbabilities> one = stackalloc ClassProbabilities[1];
        PredictBatch([window], one);
        return one[0];
    }

    public void PredictBatch(IReadOnlyList<FeatureWindow> windows, Span<ClassProbabilities> results)
    {
        int b = windows.Count, l = WindowLength, f = _scaler.Count;
        if (b == 0) return;
        if (_input.Length < b * l * f) _input = new float[b * l * f];
        for (int i = 0; i < b; i++)
        {
            FeatureWindow w = windows[i];
            if (w.FeatureNames != _boundNames)
            {
                _map = _scaler.Bind(w.FeatureNames);
                _boundNames = w.FeatureNames;
            }
            if (_row.Length != l * w.FeatureCount) _row = new double[l * w.FeatureCount];
            w.CopyLast(l, _row);
            for (int t = 0; t < l; t++)
            {
                _scaler.Transform(_row.AsSpan(t * w.FeatureCount, w.FeatureCount), _map, _input.AsSpan((i * l + t) * f, f));
            }
        }
        float[] p = Infer(_input, b);
        for (int i = 0; i < b; i++) results[i] = ClassProbabilities.Normalized(p[i * 3], p[i * 3 + 1], p[i * 3 + 2]);
    }

    /// <summary>Probabilities (batch x 3) for already scaled input (batch x window x features), as in training.</summary>
    public float[] Infer(float[] scaled, int batch) => TorchRuntime.WithoutCollection(() =>
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor x = tensor(scaled.AsSpan(0, batch * WindowLength * _scaler.Count).ToArray(), [batch, WindowLength, _scaler.Count]);
        return softmax(_network.call(x), 1).data<float>().ToArray();
    });

    public void Save(string directory)
    {
        Checkpoint.Write(directory);
        _network.save(NetworkCheckpoint.WeightsPath(directory, Name));
    }

    /// <summary>Loads &lt;name&gt;.json and &lt;name&gt;.weights from a directory.</summary>
    public static TorchSequenceModel Load(string directory, string name)
    {
        NetworkCheckpoint checkpoint = NetworkCheckpoint.Read(NetworkCheckpoint.JsonPath(directory, name));
        nn.Module<Tensor, Tensor> network = NetworkFactory.Create(checkpoint.Shape);
        network.load(NetworkCheckpoint.WeightsPath(directory, name));
        return new TorchSequenceModel(checkpoint, network);
    }

    /// <summary>Every checkpoint in a directory (each *.json with its *.weights).</summary>
    public static List<TorchSequenceModel> LoadAll(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal)
            .Where(j => File.Exists(Path.ChangeExtension(j, ".weights")))
            .Select(j => Load(directory, Path.GetFileNameWithoutExtension(j)))];

    public void Dispose() => _network.Dispose();
}
