using System.Collections.Immutable;
using System.Runtime.InteropServices;
using QuantumFlow.Models.Prediction.Scaling;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// A trained sequence network as an <see cref="IProbabilisticModel"/> for the live and replay paths: picks and scales
/// its features by name, encodes each row once (<see cref="RowEncodingCache"/>), classifies the window, softmax.
/// Every window is computed alone, so its answer is the same in any batch, cached or not, live or in a backtest.
/// The window path (<see cref="Predict"/>) is not thread-safe: one caller (a model actor, an evaluation) uses it. The
/// live path follows each book instead (<see cref="Follow"/>): each state encodes its rows once, on its book's thread.
/// </summary>
public sealed class NeuralSequenceModel : IIncrementalModel
{
    /// <summary>Rows remembered per model: 100 books x a 20-row window with room for collisions.</summary>
    public const int DefaultCacheRows = 8192;

    private readonly SequenceClassifier _classifier;
    private readonly Scaler _scaler;
    private readonly int _cacheRows;
    private RowEncodingCache? _cache;
    private ImmutableArray<string> _boundNames;
    private readonly HashSet<string[]> _known = new(ReferenceEqualityComparer.Instance);
    private int[] _map = [];
    private readonly double[] _scaled;
    private readonly float[] _input;
    private float[] _rows = [];
    private long _predictions;
    private long _busyTicks;

    public NeuralSequenceModel(string name, string version, int windowLength, Scaler scaler, SequenceClassifier classifier, int cacheRows = DefaultCacheRows)
    {
        if (windowLength < 1) throw new ArgumentOutOfRangeException(nameof(windowLength));
        if (scaler.Count != classifier.Inputs) throw new ArgumentException($"the scaler has {scaler.Count} features and the network takes {classifier.Inputs}");
        Name = name;
        Version = version;
        WindowLength = windowLength;
        _scaler = scaler;
        _classifier = classifier;
        _cacheRows = cacheRows;
        _scaled = new double[scaler.Count];
        _input = new float[scaler.Count];
    }

    public string Name { get; }
    public string Version { get; }
    public int WindowLength { get; }
    public double? ValidationLogLoss { get; init; }

    /// <summary>Row encodings reused and computed so far (how well the cache works under the live load).</summary>
    public (long Hits, long Misses) CacheCounts => _cache is null ? (0, 0) : (_cache.Hits, _cache.Misses);

    public (long Predictions, TimeSpan Busy) Usage =>
        (Interlocked.Read(ref _predictions), System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks)));

    public IBookModelState Follow(ImmutableArray<string> featureNames) =>
        new NeuralBookState(this, _classifier.Fork(), _scaler, _scaler.Bind(featureNames));

    internal void Record(long ticks)
    {
        Interlocked.Increment(ref _predictions);
        Interlocked.Add(ref _busyTicks, ticks);
    }

    public ClassProbabilities Predict(FeatureWindow window)
    {
        if (window.Count == 0) throw new InvalidOperationException("the window is empty");
        if (window.FeatureNames != _boundNames) Bind(window.FeatureNames);
        int l = WindowLength, e = _classifier.EncodedWidth;
        float[] rows = Scratch.Grow(ref _rows, l * e);
        for (int i = 0; i < l; i++)
        {
            // Fewer rows than the window: the oldest repeats in front, as FeatureWindow.CopyLast does for training.
            ReadOnlySpan<double> row = window.Recent(Math.Min(l - 1 - i, window.Count - 1));
            if (!_cache!.Lookup(row, out Span<float> encoded))
            {
                _scaler.Transform(row, _map, _scaled);
                for (int j = 0; j < _scaled.Length; j++) _input[j] = (float)_scaled[j];
                _classifier.EncodeRow(_input, encoded);
            }
            encoded.CopyTo(rows.AsSpan(i * e, e));
        }
        Span<float> logits = stackalloc float[3];
        _classifier.Classify(rows.AsSpan(0, l * e), l, logits);
        return ClassProbabilities.Softmax(logits[0], logits[1], logits[2]);
    }

    /// <summary>
    /// Every book's engine has its own array of the same names, and one model serves all books: a new array with the
    /// names already bound only becomes known (compared once), so the binding and the cache survive calls that
    /// alternate between books. Different names (another feature set) bind anew and start a new cache.
    /// </summary>
    private void Bind(ImmutableArray<string> names)
    {
        string[] array = ImmutableCollectionsMarshal.AsArray(names)!;
        if (_cache is not null && (_known.Contains(array) || names.AsSpan().SequenceEqual(_boundNames.AsSpan())))
        {
            _known.Add(array);
            _boundNames = names;
            return;
        }
        _map = _scaler.Bind(names);
        _boundNames = names;
        _known.Clear();
        _known.Add(array);
        _cache = new RowEncodingCache(_cacheRows, names.Length, _classifier.EncodedWidth);
    }
}
