using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Inspection.Tests;

public sealed class CommandParserTests
{
    private static CommandInvocation Parse(string line) => CommandParser.Parse(CommandParser.Split(line));

    [Fact]
    public void Switches_take_short_or_long_names_and_defaults_fill_the_rest()
    {
        CommandInvocation leave = Parse("cluster leave -a akka.tcp://quantumflow@127.0.0.1:4053");
        Assert.Equal("cluster leave", leave.Spec.FullName);
        Assert.True(leave.Spec.ChangesCluster);
        Assert.Equal("akka.tcp://quantumflow@127.0.0.1:4053", leave.Get("address"));

        CommandInvocation show = Parse("book show --symbol binance-usdm:BTCUSDT");
        Assert.Equal("binance-usdm:BTCUSDT", show.Get("symbol"));
        Assert.Equal(10, show.GetInt("levels", 0, 100));

        CommandInvocation tree = Parse("actor hierarchy --depth=2");
        Assert.Equal(2, tree.GetInt("depth", 0, 64));
        Assert.Equal("/", tree.Get("start"));

        CommandInvocation level = Parse("log set-level DEBUG");
        Assert.Equal("DEBUG", level.Get("level"));
    }

    [Theory]
    [InlineData("", "no command given")]
    [InlineData("clusters show", "unknown palette 'clusters'")]
    [InlineData("cluster", "no command given; commands: show, status")]
    [InlineData("cluster shw", "unknown command 'shw'")]
    [InlineData("cluster leave", "-a ADDR is required")]
    [InlineData("cluster leave -a", "-a needs a value")]
    [InlineData("cluster leave -x 1", "unknown switch '-x'")]
    [InlineData("cluster show extra", "unexpected 'extra'")]
    [InlineData("cluster-sharding region-stats -r book -r book", "given twice")]
    [InlineData("log set-level", "LEVEL is required")]
    public void Bad_command_lines_say_what_is_wrong(string line, string expected)
    {
        var e = Assert.Throws<CommandUsageException>(() => Parse(line));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Bad_numbers_are_usage_errors()
    {
        CommandInvocation show = Parse("book show -s X -n many");
        Assert.Throws<CommandUsageException>(() => show.GetInt("levels", 0, 100));
        Assert.Throws<CommandUsageException>(() => Parse("book show -s X -n 1000").GetInt("levels", 0, 100));
    }

    [Fact]
    public void Split_groups_quotes_and_escapes()
    {
        Assert.Equal(["a", "b c", "d'e", "f g"], CommandParser.Split("a \"b c\"  \"d'e\" 'f g'"));
        Assert.Equal(["a b"], CommandParser.Split(@"a\ b"));
        Assert.Empty(CommandParser.Split("   "));
        Assert.Throws<CommandUsageException>(() => CommandParser.Split("a \"b"));
    }

    [Fact]
    public void Completion_offers_palettes_commands_switches_and_values()
    {
        Assert.Equal(["cluster", "cluster-sharding"], CommandParser.Complete("clu"));
        Assert.Contains("book", CommandParser.Complete(""));
        Assert.Equal(["show", "status"], CommandParser.Complete("cluster s"));
        Assert.Equal(["-r"], CommandParser.Complete("cluster-sharding region-stats "));
        Assert.Equal(["book"], CommandParser.Complete("cluster-sharding region-stats -r "));
        Assert.Equal(["-n"], CommandParser.Complete("book show -s BTCUSDT "));
        Assert.Equal(["DEBUG"], CommandParser.Complete("log set-level D"));
        Assert.Empty(CommandParser.Complete("nothing "));
    }

    [Fact]
    public void Every_command_has_a_unique_name_and_switch_names_do_not_clash_with_the_client()
    {
        Assert.Equal(CommandCatalog.Commands.Count(), CommandCatalog.Commands.Select(c => c.FullName).Distinct().Count());
        foreach (CommandSpec c in CommandCatalog.Commands)
        {
            Assert.Equal(c.Switches.Count, c.Switches.Select(s => s.Short).Distinct().Count());
            // --json, --token and --timeout belong to `quantumflow pbm` and never reach the palettes.
            Assert.DoesNotContain(c.Switches, s => s.Long is "--json" or "--token" or "--timeout" || s.Short == "-h");
        }
    }
}
