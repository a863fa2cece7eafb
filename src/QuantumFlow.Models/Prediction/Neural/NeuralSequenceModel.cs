using System.Collections.Immutable;
using System.Runtime.InteropServices;
using QuantumFlow.Models.Prediction.Scaling;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// A trained sequence network as an <see cref="IProbabilisticModel"/> for the live and replay paths: picks and scales
/// its features by name, encodes each row once (<see cref="RowEncodingCache"/>), classifies the window, softmax.
/// Every window is computed alone, so its answer is the same in any batch, cached or not, live or in a backtest.
/// The window path (<see cref="Predict"/>) is not thread-safe: one caller (a model actor, an evaluation) uses it. The
/// live path follows each book instead (<see cref="Follow"/>): each state encodes its rows once, on its book's thread;
/// a recurrent network's book carries its state in <see cref="Lanes"/> lanes (<see cref="LaneBookState"/>), so a row
/// costs a step per lane instead of a prediction costing a window's steps, and answers from the last
/// <see cref="WindowLength"/> - ceil(<see cref="WindowLength"/> / lanes) + 1 to <see cref="WindowLength"/> rows.
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

    /// <summary>
    /// Lanes of a recurrent network's book state. Four: an LSTM trained on 20-row windows answers from 16 to 20 rows
    /// as it does from 20 (walk-forward, both seeds: on every session of folds 1-3 and 5 the ensemble's log-loss is
    /// within 0.001 of the window books' or better, docs/evaluation), for a fifth of the recurrent steps; as many lanes
    /// as the window reproduce the window, bit for bit.
    /// </summary>
    public const int DefaultLanes = 4;

    /// <param name="lanes">for a recurrent network, 1 to <paramref name="windowLength"/> (<see cref="DefaultLanes"/>); ignored otherwise</param>
    public NeuralSequenceModel(string name, string version, int windowLength, Scaler scaler, SequenceClassifier classifier, int cacheRows = DefaultCacheRows,
        int lanes = DefaultLanes)
    {
        if (windowLength < 1) throw new ArgumentOutOfRangeException(nameof(windowLength));
        if (scaler.Count != classifier.Inputs) throw new ArgumentException($"the scaler has {scaler.Count} features and the network takes {classifier.Inputs}");
        if (classifier.CarriedWidth(windowLength) > 0 && (lanes < 1 || lanes > windowLength))
            throw new ArgumentOutOfRangeException(nameof(lanes), lanes, $"{name}: 1 to {windowLength} lanes (its window)");
        Lanes = classifier.CarriedWidth(windowLength) > 0 ? lanes : 0;
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

    /// <summary>Lanes of a followed book's recurrent state; 0 for a network that keeps its rows' encodings instead (the Transformer).</summary>
    public int Lanes { get; }

    /// <summary>Row encodings reused and computed so far (how well the cache works under the live load).</summary>
    public (long Hits, long Misses) CacheCounts => _cache is null ? (0, 0) : (_cache.Hits, _cache.Misses);

    public (long Predictions, TimeSpan Busy) Usage =>
        (Interlocked.Read(ref _predictions), System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks)));

    public IBookModelState Follow(ImmutableArray<string> featureNames) => Lanes > 0
        ? new LaneBookState(this, _classifier.Fork(), _scaler, _scaler.Bind(featureNames))
        : new NeuralBookState(this, _classifier.Fork(), _scaler, _scaler.Bind(featureNames));

    internal void Record(long ticks)
    {
        Interlocked.Increment(ref _predictions);
        Interlocked.Add(ref _busyTicks, ticks);
    }

    /// <summary>Compute a book spent on a row before any prediction (a recurrent network's lanes step there).</summary>
    internal void RecordRow(long ticks) => Interlocked.Add(ref _busyTicks, ticks);

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
