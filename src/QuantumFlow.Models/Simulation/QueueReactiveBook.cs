using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Simulation;

/// <summary>
/// One simulated symbol: a Cont-de Larrard style book with queue-reactive market-order intensities (docs/SIMULATOR.md).
/// The spread is always one tick and both sides keep <see cref="QueueReactiveParameters.Levels"/> contiguous levels.
/// Events are drawn one at a time (Gillespie): an exponential waiting time at the total rate, then the event with
/// probability proportional to its rate. When a best queue empties the price moves one tick towards it and a new
/// queue forms inside the old spread, so the side whose best queue is smaller (negative order-flow imbalance for
/// that side) is the side the price moves to: that is what makes imbalance predictive.
/// </summary>
public sealed class QueueReactiveBook
{
    private readonly QueueReactiveParameters _p;
    private readonly SimulationRandom _random;
    private readonly int[] _bids;   // lots at depth i below the best bid (0 = best)
    private readonly int[] _asks;   // lots at depth i above the best ask
    private readonly double[] _limitRates;
    private readonly List<LevelUpdate> _changes = new();
    private long _bestBidTick;
    private double _time;           // seconds of simulated time
    private double _nextTime;
    private double _pressure;
    private long _updateId;
    private long _tradeId;

    public QueueReactiveBook(string symbol, long seed, QueueReactiveParameters? parameters = null)
    {
        _p = parameters ?? new QueueReactiveParameters();
        _p.Validate();
        Symbol = symbol;
        _random = new SimulationRandom(seed);
        _bids = new int[_p.Levels];
        _asks = new int[_p.Levels];
        _limitRates = new double[_p.Levels];
        for (int i = 0; i < _p.Levels; i++)
        {
            _limitRates[i] = _p.LimitRate * Math.Pow(_p.LimitDepthDecay, i);
            _bids[i] = NewQueue();
            _asks[i] = NewQueue();
        }
        _bestBidTick = _p.InitialBid.Raw / _p.TickSize.Raw;
        _pressure = 2 * _random.NextDouble() - 1;
        _nextTime = _random.NextExponential(TotalRate());
    }

    public string Symbol { get; }
    public QueueReactiveParameters Parameters => _p;
    /// <summary>Simulated time of the last event, Unix ns.</summary>
    public long TimeNs => ToNs(_time);
    public long NextEventTimeNs => ToNs(_nextTime);
    public long UpdateId => _updateId;
    public long Steps { get; private set; }

    public Price BestBid => TickPrice(_bestBidTick);
    public Price BestAsk => TickPrice(_bestBidTick + 1);
    public Quantity BestBidQuantity => Lots(_bids[0]);
    public Quantity BestAskQuantity => Lots(_asks[0]);
    /// <summary>(bid - ask) / (bid + ask) of the best queues, in [-1, 1].</summary>
    public double Imbalance => (double)(_bids[0] - _asks[0]) / (_bids[0] + _asks[0]);
    /// <summary>The hidden directional pressure D in [-1, 1]; not visible in the events, only through the flow it tilts.</summary>
    public double Pressure => _pressure;

    /// <summary>The whole simulated book as a snapshot event at its current update id.</summary>
    public BookSnapshot Snapshot()
    {
        var levels = new LevelUpdate[2 * _p.Levels];
        for (int i = 0; i < _p.Levels; i++)
        {
            levels[i] = new LevelUpdate(Side.Bid, TickPrice(_bestBidTick - i), Lots(_bids[i]));
            levels[_p.Levels + i] = new LevelUpdate(Side.Ask, TickPrice(_bestBidTick + 1 + i), Lots(_asks[i]));
        }
        long ns = TimeNs;
        return new BookSnapshot(Venue.Simulated, Symbol, ns, ns, _updateId, levels);
    }

    /// <summary>Draws the next event and appends what it produced: an optional <see cref="Trade"/>, then one <see cref="BookDelta"/>.</summary>
    public void Step(List<MarketEvent> output)
    {
        double elapsed = _nextTime - _time;
        _time = _nextTime;
        _changes.Clear();
        if (_random.NextDouble() < 1 - Math.Exp(-_p.PressureSwitchRate * elapsed)) _pressure = 2 * _random.NextDouble() - 1;
        double u = _random.NextDouble() * TotalRate();
        int k = _p.Levels;
        Trade? trade = null;
        for (int i = 0; i < k && trade is null && _changes.Count == 0; i++)
        {
            if ((u -= LimitRate(Side.Bid, i)) < 0) { AddLots(Side.Bid, i, _random.NextInt(1, _p.MaxLimitLots)); break; }
            if ((u -= LimitRate(Side.Ask, i)) < 0) { AddLots(Side.Ask, i, _random.NextInt(1, _p.MaxLimitLots)); break; }
            if ((u -= CancelRate(_bids, i)) < 0) { RemoveLots(Side.Bid, i, 1); break; }
            if ((u -= CancelRate(_asks, i)) < 0) { RemoveLots(Side.Ask, i, 1); break; }
        }
        if (_changes.Count == 0)
        {
            // What is left of u falls on a market order (or on rounding at the very end of the range).
            (double buy, double sell) = MarketRates();
            bool isBuy = u < buy || sell <= 0;
            Side book = isBuy ? Side.Ask : Side.Bid;
            int[] queue = isBuy ? _asks : _bids;
            int filled = Math.Min(_random.NextInt(1, _p.MaxMarketLots), queue[0]);
            Price price = isBuy ? BestAsk : BestBid;
            long ns = ToNs(_time);
            trade = new Trade(Venue.Simulated, Symbol, ns, ns, ++_tradeId, price, Lots(filled), isBuy ? Side.Bid : Side.Ask);
            RemoveLots(book, 0, filled);
        }
        Steps++;
        _updateId++;
        long now = ToNs(_time);
        if (trade is not null) output.Add(trade);
        output.Add(new BookDelta(Venue.Simulated, Symbol, now, now, _updateId, _updateId, _updateId - 1, _changes.ToArray()));
        _nextTime = _time + _random.NextExponential(TotalRate());
    }

    private double CancelRate(int[] side, int depth) =>
        // Deeper levels keep their last lot so that the grid stays contiguous; only the best queue can empty.
        _p.CancelRate * (depth == 0 ? side[0] : side[depth] - 1);

    private double LimitRate(Side side, int depth)
    {
        if (depth > 0) return _limitRates[depth];
        double tilt = _p.PressureStrength * _pressure;
        return _limitRates[0] * (side == Side.Bid ? 1 + tilt : 1 - tilt);
    }

    private (double Buy, double Sell) MarketRates()
    {
        double tilt = _p.ImbalanceFeedback * Imbalance + _p.PressureStrength * _pressure;
        return (_p.MarketRate * Math.Max(0, 1 + tilt), _p.MarketRate * Math.Max(0, 1 - tilt));
    }

    private double TotalRate()
    {
        double total = 0;
        for (int i = 0; i < _p.Levels; i++) total += LimitRate(Side.Bid, i) + LimitRate(Side.Ask, i) + CancelRate(_bids, i) + CancelRate(_asks, i);
        (double buy, double sell) = MarketRates();
        return total + buy + sell;
    }

    private void AddLots(Side side, int depth, int lots)
    {
        int[] q = side == Side.Bid ? _bids : _asks;
        q[depth] += lots;
        _changes.Add(new LevelUpdate(side, PriceAt(side, depth), Lots(q[depth])));
    }

    private void RemoveLots(Side side, int depth, int lots)
    {
        int[] q = side == Side.Bid ? _bids : _asks;
        q[depth] -= lots;
        if (q[depth] > 0 || depth > 0)
        {
            _changes.Add(new LevelUpdate(side, PriceAt(side, depth), Lots(q[depth])));
            return;
        }
        if (side == Side.Ask) MoveUp(); else MoveDown();
    }

    /// <summary>The best ask emptied: the price goes up one tick and a new bid queue forms at the old ask price.</summary>
    private void MoveUp()
    {
        int k = _p.Levels;
        Price oldAsk = BestAsk;
        _changes.Add(new LevelUpdate(Side.Ask, oldAsk, Quantity.Zero));
        _changes.Add(new LevelUpdate(Side.Bid, TickPrice(_bestBidTick - (k - 1)), Quantity.Zero));
        Array.Copy(_bids, 0, _bids, 1, k - 1);
        Array.Copy(_asks, 1, _asks, 0, k - 1);
        _bestBidTick++;
        _bids[0] = NewQueue();
        _asks[k - 1] = NewQueue();
        _changes.Add(new LevelUpdate(Side.Bid, oldAsk, Lots(_bids[0])));
        _changes.Add(new LevelUpdate(Side.Ask, PriceAt(Side.Ask, k - 1), Lots(_asks[k - 1])));
    }

    /// <summary>The best bid emptied: the price goes down one tick and a new ask queue forms at the old bid price.</summary>
    private void MoveDown()
    {
        int k = _p.Levels;
        if (_bestBidTick - k < 1)
        {
            // The grid cannot go below one tick: the queue refills instead (never reached from sensible prices).
            _bids[0] = NewQueue();
            _changes.Add(new LevelUpdate(Side.Bid, BestBid, Lots(_bids[0])));
            return;
        }
        Price oldBid = BestBid;
        _changes.Add(new LevelUpdate(Side.Bid, oldBid, Quantity.Zero));
        _changes.Add(new LevelUpdate(Side.Ask, TickPrice(_bestBidTick + k), Quantity.Zero));
        Array.Copy(_asks, 0, _asks, 1, k - 1);
        Array.Copy(_bids, 1, _bids, 0, k - 1);
        _bestBidTick--;
        _asks[0] = NewQueue();
        _bids[k - 1] = NewQueue();
        _changes.Add(new LevelUpdate(Side.Ask, oldBid, Lots(_asks[0])));
        _changes.Add(new LevelUpdate(Side.Bid, PriceAt(Side.Bid, k - 1), Lots(_bids[k - 1])));
    }

    private int NewQueue() => _random.NextInt(1, _p.MaxNewQueueLots);

    private Price PriceAt(Side side, int depth) => TickPrice(side == Side.Bid ? _bestBidTick - depth : _bestBidTick + 1 + depth);

    private Price TickPrice(long tick) => new(checked(tick * _p.TickSize.Raw));

    private Quantity Lots(int lots) => new(checked(lots * _p.LotSize.Raw));

    private long ToNs(double seconds) => _p.StartTimeNs + (long)Math.Round(seconds * 1e9);
}
