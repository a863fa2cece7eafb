using QuantumFlow.Models.Backtest.Execution;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Backtest.Strategies;

/// <summary>
/// Buys a parent quantity over a period with market child orders, one per equal time slice. TWAP sends each child at
/// its slice's start. The predictive variant sends a child as soon as the prediction is not a confident DOWN (a
/// lower price expected: wait), and at the latest when its slice ends. Both are judged by implementation shortfall
/// against the mid when the parent order started (<see cref="ArrivalMid"/>).
/// </summary>
public sealed class ExecutionStrategy : IStrategy
{
    private readonly ExecutionOptions _options;
    private long _startNs = -1;
    private long[] _childSizes = [];
    private int _sent;

    public ExecutionStrategy(ExecutionOptions? options = null, string? name = null)
    {
        _options = options ?? new ExecutionOptions();
        if (_options.Slices < 1) throw new ArgumentException("at least one slice", nameof(options));
        if (_options.DurationNs <= 0) throw new ArgumentException("the duration must be positive", nameof(options));
        Name = name ?? (_options.UsePredictions ? "execution" : "twap");
    }

    public string Name { get; }
    /// <summary>The mid when the parent order started (0 before): the shortfall benchmark.</summary>
    public decimal ArrivalMid { get; private set; }
    public Quantity Target { get; private set; }

    public void OnStep(StrategyContext context)
    {
        if (!context.Book.IsValid || _sent == _options.Slices && _startNs >= 0) return;
        long now = context.TimeNs;
        if (_startNs < 0)
        {
            Target = context.SizeFor(_options.TargetFraction, _options.LotSize);
            if (Target.IsZero) return;
            _startNs = now;
            ArrivalMid = context.Book.Mid;
            _childSizes = Split(Target.Raw, _options.Slices, _options.LotSize.Raw);
        }
        long sliceNs = _options.DurationNs / _options.Slices;
        int due = (int)Math.Min(_options.Slices, (now - _startNs) / sliceNs); // slices whose time is over: catch up now
        while (_sent < due) Send(context);
        if (_sent > due || _sent == _options.Slices) return;
        // The current slice: TWAP sends at once; the predictive child waits while a fall is expected.
        if (_options.UsePredictions && context.Prediction is { } p && p.Predicted == LabelClass.Down && p.Confidence >= _options.ConfidenceThreshold) return;
        if (_options.UsePredictions && context.Prediction is null) return;
        Send(context);
    }

    private void Send(StrategyContext context)
    {
        long size = _childSizes[_sent++];
        if (size > 0) context.Submit(new OrderRequest(Side.Bid, OrderType.Market, new Quantity(size)));
    }

    private static long[] Split(long total, int slices, long lot)
    {
        long lots = total / lot;
        var sizes = new long[slices];
        for (int i = 0; i < slices; i++) sizes[i] = (lots / slices + (i < lots % slices ? 1 : 0)) * lot;
        return sizes;
    }
}
