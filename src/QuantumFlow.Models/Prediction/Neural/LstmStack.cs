namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// Layers of <see cref="LstmLayer"/> run over a window from zero state (<see cref="Run"/>) or one row at a time with a
/// state carried by the caller (<see cref="Advance"/>); the first layer's input projections come encoded.
/// </summary>
internal sealed class LstmStack
{
    private readonly IReadOnlyList<LstmLayer> _layers;
    private float[] _outputs = [];
    private float[] _projected = [];
    private readonly float[] _h;
    private readonly float[] _c;
    private readonly float[] _scratch;

    public LstmStack(IReadOnlyList<LstmLayer> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("an LSTM needs at least one layer");
        for (int l = 1; l < layers.Count; l++)
        {
            if (layers[l].Inputs != layers[l - 1].Hidden || layers[l].Hidden != layers[0].Hidden) throw new ArgumentException("LSTM layers must chain");
        }
        _layers = layers;
        _h = new float[Hidden];
        _c = new float[Hidden];
        _scratch = new float[4 * Hidden];
    }

    public IReadOnlyList<LstmLayer> Layers => _layers;
    public int Inputs => _layers[0].Inputs;
    public int Hidden => _layers[0].Hidden;
    public int EncodedWidth => 4 * Hidden;

    public void EncodeRow(ReadOnlySpan<float> scaled, Span<float> encoded) => _layers[0].Project(scaled, encoded);

    /// <summary>The last layer's hidden state at every step (steps x hidden), valid until the next call.</summary>
    public ReadOnlySpan<float> Run(ReadOnlySpan<float> encodedRows, int steps)
    {
        int h = Hidden, g = 4 * h;
        float[] outputs = Scratch.Grow(ref _outputs, steps * h);
        float[] projected = Scratch.Grow(ref _projected, steps * g);
        for (int l = 0; l < _layers.Count; l++)
        {
            LstmLayer layer = _layers[l];
            if (l > 0)
            {
                for (int t = 0; t < steps; t++) layer.Project(outputs.AsSpan(t * h, h), projected.AsSpan(t * g, g));
            }
            ReadOnlySpan<float> input = l == 0 ? encodedRows : projected;
            Array.Clear(_c);
            Span<float> state = _h;
            state.Clear();
            for (int t = 0; t < steps; t++)
            {
                layer.Step(input.Slice(t * g, g), state, _c, _scratch);
                state.CopyTo(outputs.AsSpan(t * h, h));
            }
        }
        return outputs.AsSpan(0, steps * h);
    }

    /// <summary>Floats of a carried state: each layer's h then c.</summary>
    public int StateWidth => 2 * Hidden * _layers.Count;

    /// <summary>The last layer's hidden state within a carried state.</summary>
    public ReadOnlySpan<float> Top(ReadOnlySpan<float> state) => state.Slice(StateWidth - 2 * Hidden, Hidden);

    /// <summary>One step of every layer for one encoded row, updating <paramref name="state"/> (<see cref="StateWidth"/> floats) in place.</summary>
    public void Advance(ReadOnlySpan<float> encodedRow, Span<float> state)
    {
        int h = Hidden;
        float[] projected = Scratch.Grow(ref _projected, 4 * h);
        for (int l = 0; l < _layers.Count; l++)
        {
            ReadOnlySpan<float> input = encodedRow;
            if (l > 0)
            {
                _layers[l].Project(state.Slice(2 * h * (l - 1), h), projected);
                input = projected;
            }
            _layers[l].Step(input, state.Slice(2 * h * l, h), state.Slice(2 * h * l + h, h), _scratch);
        }
    }
}
