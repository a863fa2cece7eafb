using System.Diagnostics;
using QuantumFlow.Models.Prediction.Scaling;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// One book's state for a recurrent <see cref="NeuralSequenceModel"/> (the LSTMs): its state carried in K lanes. Lane
/// j starts from a zero state at row j x L / K, then again every L rows (L the window), and a prediction reads the
/// lane that has run longest: once the book has read a window, from between L - ceil(L / K) + 1 and L rows (before that,
/// from all of them). A row costs one step per lane, a prediction reads a state: re-running the window from zero
/// cost L steps per prediction. With K = L the longest lane has always read the window, as the window path does, bit
/// for bit. Its own fork of the network's scratch buffers, so books on different threads share only the weights.
/// </summary>
internal sealed class LaneBookState : IBookModelState
{
    private readonly NeuralSequenceModel _model;
    private readonly SequenceClassifier _classifier;
    private readonly Scaler _scaler;
    private readonly int[] _map;
    private readonly int _window;
    private readonly int _lanes;
    private readonly int _width;
    private readonly float[] _input;
    private readonly float[] _encoded;
    private readonly float[] _state;
    private long _rows;

    public LaneBookState(NeuralSequenceModel model, SequenceClassifier classifier, Scaler scaler, int[] map)
    {
        _model = model;
        _classifier = classifier;
        _scaler = scaler;
        _map = map;
        _window = model.WindowLength;
        _lanes = model.Lanes;
        _width = classifier.CarriedWidth(_window);
        _input = new float[classifier.Inputs];
        _encoded = new float[classifier.EncodedWidth];
        _state = new float[_lanes * _width];
    }

    public int Count => (int)Math.Min(_rows, _window);

    /// <summary>The row lane <paramref name="lane"/> last started at, as of row <paramref name="row"/>.</summary>
    private long Start(int lane, long row)
    {
        long first = lane == 0 ? _window : (long)lane * _window / _lanes;
        return row < first ? 0 : first + (row - first) / _window * _window;
    }

    public void Push(ReadOnlySpan<double> row)
    {
        long started = Stopwatch.GetTimestamp();
        _scaler.Transform(row, _map, _input);
        _classifier.EncodeRow(_input, _encoded);
        for (int lane = 0; lane < _lanes; lane++)
        {
            Span<float> state = _state.AsSpan(lane * _width, _width);
            long start = Start(lane, _rows);
            if (start == _rows) state.Clear();
            _classifier.Advance(_encoded, state, _rows - start, _window);
        }
        _rows++;
        _model.RecordRow(Stopwatch.GetTimestamp() - started); // the lanes' compute is here, not in Predict
    }

    public ClassProbabilities Predict()
    {
        if (_rows == 0) throw new InvalidOperationException("no row was pushed");
        long started = Stopwatch.GetTimestamp();
        long earliest = long.MaxValue;
        int longest = 0;
        for (int lane = 0; lane < _lanes; lane++)
        {
            long start = Start(lane, _rows - 1);
            if (start < earliest) (earliest, longest) = (start, lane);
        }
        Span<float> logits = stackalloc float[3];
        _classifier.ClassifyCarried(_state.AsSpan(longest * _width, _width), _rows - earliest, _window, logits);
        _model.Record(Stopwatch.GetTimestamp() - started);
        return ClassProbabilities.Softmax(logits[0], logits[1], logits[2]);
    }

    // The lane count is in the section name: a state saved with other lanes (or as a window) is refused, not misread.
    private string Section => $"{_model.Version} in {_lanes} lanes";

    public void Save(StateWriter w)
    {
        w.Begin(Section);
        w.Write(_rows);
        w.Write(_state);
    }

    public void Load(StateReader r)
    {
        r.Begin(Section);
        long rows = r.ReadInt64();
        if (rows < 0) throw new InvalidDataException($"predictor state: {_model.Name} has read {rows} rows");
        r.ReadInto(_state);
        _rows = rows;
    }

    public void Clear()
    {
        _rows = 0;
        Array.Clear(_state);
    }
}
