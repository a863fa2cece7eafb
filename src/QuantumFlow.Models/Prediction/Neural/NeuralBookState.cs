using System.Diagnostics;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// One book's state for a <see cref="NeuralSequenceModel"/>: the encodings of its last rows, each computed once when
/// the row arrives, in a ring written twice (slot i and i + window) so the window, oldest first, is always one
/// contiguous run of it and a prediction copies nothing. Its own fork of the network's scratch buffers, so books on
/// different threads share only the read-only weights. Same rows, same arithmetic, same order as the model's
/// window path: the same bits.
/// </summary>
internal sealed class NeuralBookState : IBookModelState
{
    private readonly NeuralSequenceModel _model;
    private readonly SequenceClassifier _classifier;
    private readonly Scaler _scaler;
    private readonly int[] _map;
    private readonly int _window;
    private readonly int _width;
    private readonly float[] _input;
    private readonly float[] _ring;
    private float[] _partial = [];
    private int _next;

    public NeuralBookState(NeuralSequenceModel model, SequenceClassifier classifier, Scaler scaler, int[] map)
    {
        _model = model;
        _classifier = classifier;
        _scaler = scaler;
        _map = map;
        _window = model.WindowLength;
        _width = classifier.EncodedWidth;
        _input = new float[classifier.Inputs];
        _ring = new float[2 * _window * _width];
    }

    public int Count { get; private set; }

    public void Push(ReadOnlySpan<double> row)
    {
        _scaler.Transform(row, _map, _input);
        Span<float> slot = _ring.AsSpan(_next * _width, _width);
        _classifier.EncodeRow(_input, slot);
        slot.CopyTo(_ring.AsSpan((_next + _window) * _width, _width));
        _next = (_next + 1) % _window;
        if (Count < _window) Count++;
    }

    public ClassProbabilities Predict()
    {
        if (Count == 0) throw new InvalidOperationException("no row was pushed");
        long started = Stopwatch.GetTimestamp();
        int l = _window, e = _width;
        ReadOnlySpan<float> rows;
        if (Count == l) rows = _ring.AsSpan(_next * e, l * e);
        else
        {
            // Fewer rows than the window: the oldest repeats in front, as FeatureWindow.CopyLast does for training.
            float[] partial = Scratch.Grow(ref _partial, l * e);
            for (int i = 0; i < l; i++)
            {
                int age = Math.Min(l - 1 - i, Count - 1);
                int slot = ((_next - 1 - age) % l + l) % l;
                _ring.AsSpan(slot * e, e).CopyTo(partial.AsSpan(i * e, e));
            }
            rows = partial.AsSpan(0, l * e);
        }
        Span<float> logits = stackalloc float[3];
        _classifier.Classify(rows, l, logits);
        _model.Record(Stopwatch.GetTimestamp() - started);
        return ClassProbabilities.Softmax(logits[0], logits[1], logits[2]);
    }

    public void Save(StateWriter w)
    {
        w.Begin(_model.Version);
        w.Write(Count);
        w.Write(_next);
        w.Write(_ring);
    }

    public void Load(StateReader r)
    {
        r.Begin(_model.Version);
        int count = r.ReadInt32(), next = r.ReadInt32();
        if ((uint)count > (uint)_window || (uint)next >= (uint)_window)
            throw new InvalidDataException($"predictor state: {_model.Name} holds {count} rows (next {next}) in a window of {_window}");
        r.ReadInto(_ring);
        Count = count;
        _next = next;
    }

    public void Clear()
    {
        Count = 0;
        _next = 0;
    }
}
