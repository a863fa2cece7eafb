using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Training;
using QuantumFlow.Models.Torch.Training;

namespace QuantumFlow.Models.Torch.Tests.Training;

public sealed class TreeCandidateTests
{
    [Fact]
    public void Trees_learn_a_rule_the_inputs_carry_and_report_each_configuration()
    {
        // The label is the sign of one input beyond a margin, FLAT between; the other input is noise.
        var session = new SessionRows("synthetic", "book", ["signal", "noise"]);
        var rng = new Random(5);
        for (int i = 0; i < 3_000; i++)
        {
            double x = rng.NextDouble() * 2 - 1;
            session.Rows.Add([x, rng.NextDouble()]);
            session.Labels.Add(x > 0.3 ? LabelClass.Up : x < -0.3 ? LabelClass.Down : LabelClass.Flat);
            session.TimesNs.Add(i * 1_000_000L);
        }
        List<Example> train = [.. Enumerable.Range(0, 2_000).Select(i => new Example(0, i))];
        List<Example> validation = [.. Enumerable.Range(2_000, 1_000).Select(i => new Example(0, i))];
        var lines = new List<string>();
        double loss = TreeCandidate.Compare([session], train, validation, ["signal", "noise"], seed: 1, lines.Add);
        Assert.InRange(loss, 0, 0.3); // a uniform guess scores ln 3 = 1.10
        Assert.Equal(2, lines.Count(l => l.Contains("validation log-loss", StringComparison.Ordinal)));
    }
}
