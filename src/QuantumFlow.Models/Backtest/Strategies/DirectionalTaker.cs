using System.Globalization;
using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>
/// The original backtester's rules, fixed: on each prediction the signal is +1 (UP) or -1 (DOWN) at or above the
/// confidence threshold, else 0. An open position is closed by an opposite signal, by a FLAT/low-confidence one when
/// <see cref="TakerOptions.FlatExits"/>, and always once held <see cref="TakerOptions.MaxHoldingSteps"/> predictions
/// (no re-entry on that same prediction). When flat, a non-zero signal opens a position with a market order; a
/// reversal closes and reopens on one prediction. One position at a time.
/// </summary>
public sealed class DirectionalTaker : IStrategy
{
    private readonly TakerOptions _options;
    private readonly Random _random;
    private int _direction;
    private Quantity _size;
    private int _held;

    public DirectionalTaker(TakerOptions? options = null, string? name = null)
    {
        _options = options ?? new TakerOptions();
        _random = new Random(_options.Seed);
        Name = name ?? _options.Signal switch
        {
            SignalSource.None => "no-signal",
            SignalSource.Random => "random-taker",
            _ => string.Create(CultureInfo.InvariantCulture, $"taker t={_options.ConfidenceThreshold:F2}"),
        };
    }

    public string Name { get; }

    public void OnStep(StrategyContext context)
    {
        if (context.Prediction is null || !context.Book.IsValid) return;
        int signal = Signal(context);
        if (_direction != 0)
        {
            _held++;
            bool expired = _held >= _options.MaxHoldingSteps;
            bool exit = expired || (signal != _direction && (signal != 0 || _options.FlatExits));
            if (!exit) return;
            // Nothing to close when the entry was rejected (it met an invalid book) and nothing is still in flight.
            bool entryRejected = context.PositionRaw == 0 && context.Simulator.InFlightCount == 0;
            if (!entryRejected) context.Submit(new OrderRequest(_direction > 0 ? Side.Ask : Side.Bid, OrderType.Market, _size));
            _direction = 0;
            if (expired) return;
        }
        if (signal == 0) return;
        Quantity size = context.SizeFor(_options.PositionFraction, _options.LotSize);
        if (size.IsZero) return;
        context.Submit(new OrderRequest(signal > 0 ? Side.Bid : Side.Ask, OrderType.Market, size));
        _direction = signal;
        _size = size;
        _held = 0;
    }

    private int Signal(StrategyContext context)
    {
        switch (_options.Signal)
        {
            case SignalSource.None:
                return 0;
            case SignalSource.Random:
                // Holds its coin flip for the whole holding period: only the holding limit ends a random position.
                return _direction != 0 ? _direction : _random.Next(2) == 0 ? -1 : 1;
            default:
                var p = context.Prediction!;
                if (p.Confidence < _options.ConfidenceThreshold) return 0;
                return p.Predicted switch { LabelClass.Up => 1, LabelClass.Down => -1, _ => 0 };
        }
    }
}
