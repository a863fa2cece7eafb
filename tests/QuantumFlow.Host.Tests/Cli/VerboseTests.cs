using QuantumFlow.Host.Cli;

namespace QuantumFlow.Host.Tests.Cli;

/// <summary>CliErrors.Verbose is process-wide: the test that turns it on runs alone, so no other verb's error grows a stack trace meanwhile.</summary>
[CollectionDefinition(nameof(VerboseTests), DisableParallelization = true)]
public sealed class VerboseCollection;

/// <summary>Errors are one line; --verbose adds the exception behind it, and only then.</summary>
[Collection(nameof(VerboseTests))]
public sealed class VerboseTests
{
    [Fact]
    public void An_error_is_one_line_and_verbose_adds_the_exception_behind_it()
    {
        Exception e;
        try
        {
            throw new ArgumentException("--folds 0 must be 2..100", "folds");
        }
        catch (ArgumentException caught)
        {
            e = caught;
        }
        var quiet = new StringWriter();
        Assert.Equal(CliErrors.Usage, CliErrors.Report(quiet, e));
        Assert.Equal("error: --folds 0 must be 2..100" + Environment.NewLine, quiet.ToString());

        Assert.True(Program.Root().Parse(["evaluate", "--data", "x", "--verbose"]).GetValue(Program.Verbose), "--verbose is taken on every verb");
        Assert.False(Program.Root().Parse(["evaluate", "--data", "x"]).GetValue(Program.Verbose));
        try
        {
            CliErrors.Verbose = true;
            var loud = new StringWriter();
            CliErrors.Report(loud, e);
            string[] lines = loud.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("error: --folds 0 must be 2..100", lines[0]);
            Assert.Contains(lines, l => l.Contains("   at ", StringComparison.Ordinal));
        }
        finally
        {
            CliErrors.Verbose = false;
        }
    }
}
