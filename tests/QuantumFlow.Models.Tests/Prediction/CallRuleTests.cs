using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.State;

namespace QuantumFlow.Models.Tests.Prediction;

public sealed class CallRuleTests
{
    private static readonly EnsembleOptions Options = new() { CallWarmup = 200, CallHalfLife = 2_000 };

    [Fact]
    public void Until_the_warm_up_the_call_is_the_arg_max_and_then_the_candidate_with_the_best_macro_F1()
    {
        var rule = new CallRule(Options);
        var rng = new Random(7);
        var argMax = new List<(LabelClass Call, LabelClass Label)>();
        var calls = new List<(LabelClass Call, LabelClass Label)>();
        for (int i = 0; i < 3_000; i++)
        {
            (ClassProbabilities p, LabelClass label) = Draw(rng);
            CallContext context = rule.Context;
            LabelClass call = rule.Call(p, context);
            if (i < 199) Assert.Equal(p.Predicted, call);
            argMax.Add((p.Predicted, label));
            calls.Add((call, label));
            rule.Resolve(p, context, label);
        }
        // Calibrated probabilities whose arg max is always FLAT: the arg max never finds a move; the rule does.
        Assert.True(rule.Exponent > 0, $"exponent {rule.Exponent}");
        double before = MacroF1(argMax.Skip(1_000)), after = MacroF1(calls.Skip(1_000));
        Assert.True(after > before + 0.2, $"macro-F1 {after:F3} against the arg max's {before:F3}");
    }

    [Fact]
    public void A_call_depends_only_on_the_context_it_was_made_with()
    {
        var rule = new CallRule(Options);
        var rng = new Random(3);
        for (int i = 0; i < 500; i++)
        {
            (ClassProbabilities p, LabelClass label) = Draw(rng);
            rule.Resolve(p, rule.Context, label);
        }
        CallContext then = rule.Context;
        var probe = new ClassProbabilities(0.3, 0.6, 0.1);
        LabelClass first = rule.Call(probe, then);
        var fresh = new CallRule(Options);
        Assert.Equal(first, fresh.Call(probe, then));
        Assert.Equal(LabelClass.Flat, fresh.Call(probe, fresh.Context)); // a new book: the arg max
    }

    [Fact]
    public void The_rules_state_round_trips()
    {
        var rule = new CallRule(Options);
        var rng = new Random(11);
        for (int i = 0; i < 700; i++)
        {
            (ClassProbabilities p, LabelClass label) = Draw(rng);
            rule.Resolve(p, rule.Context, label);
        }
        var stream = new MemoryStream();
        var writer = new StateWriter(stream);
        rule.Save(writer);
        writer.Flush();
        var copy = new CallRule(Options);
        stream.Position = 0;
        copy.Load(new StateReader(stream));
        Assert.Equal(rule.Context, copy.Context);
        for (int i = 0; i < 300; i++)
        {
            (ClassProbabilities p, LabelClass label) = Draw(rng);
            Assert.Equal(rule.Call(p, rule.Context), copy.Call(p, copy.Context));
            rule.Resolve(p, rule.Context, label);
            copy.Resolve(p, copy.Context, label);
        }
        copy.Forget();
        Assert.Equal(new CallRule(Options).Context, copy.Context);
    }

    [Fact]
    public void Exponents_must_start_with_the_arg_max()
    {
        Assert.Throws<ArgumentException>(() => new EnsembleOptions { CallExponents = [0.5, 1] }.Validate());
        Assert.Throws<ArgumentException>(() => new EnsembleOptions { CallExponents = [0, -1] }.Validate());
    }

    /// <summary>FLAT 80 % of labels; the probabilities lean toward the move that comes but never past FLAT.</summary>
    private static (ClassProbabilities, LabelClass) Draw(Random rng)
    {
        double u = rng.NextDouble();
        LabelClass label = u < 0.1 ? LabelClass.Down : u < 0.9 ? LabelClass.Flat : LabelClass.Up;
        bool informative = rng.NextDouble() < 0.7;
        LabelClass lean = informative ? label : (LabelClass)rng.Next(3);
        ClassProbabilities p = lean switch
        {
            LabelClass.Down => new(0.35, 0.6, 0.05),
            LabelClass.Up => new(0.05, 0.6, 0.35),
            _ => new(0.1, 0.8, 0.1),
        };
        return (p, label);
    }

    private static double MacroF1(IEnumerable<(LabelClass Call, LabelClass Label)> pairs)
    {
        var list = pairs.ToList();
        double sum = 0;
        for (int c = 0; c < 3; c++)
        {
            var k = (LabelClass)c;
            double tp = list.Count(x => x.Call == k && x.Label == k);
            double called = list.Count(x => x.Call == k), actual = list.Count(x => x.Label == k);
            sum += called + actual > 0 ? 2 * tp / (called + actual) : 0;
        }
        return sum / 3;
    }
}
