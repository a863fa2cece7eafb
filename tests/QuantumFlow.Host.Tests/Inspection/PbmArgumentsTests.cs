using System.CommandLine;
using QuantumFlow.Host.Inspection;
using QuantumFlow.Inspection.Client;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Host.Tests.Inspection;

public sealed class PbmArgumentsTests
{
    private static string? NoEnv(string _) => null;

    [Fact]
    public void The_endpoint_is_optional_and_defaults_to_loopback_9110_or_QF_INSPECT_PORT()
    {
        PbmArguments plain = PbmArguments.From(["cluster", "show"], json: false, token: null, 30, NoEnv);
        Assert.Equal(new InspectionEndpoint("127.0.0.1", 9110), plain.Endpoint);
        Assert.Equal(["cluster", "show"], plain.Words);
        Assert.False(plain.Interactive);

        PbmArguments fromEnv = PbmArguments.From([], false, null, 30, n => n == "QF_INSPECT_PORT" ? "9111" : null);
        Assert.Equal(9111, fromEnv.Endpoint.Port);
        Assert.True(fromEnv.Interactive);

        PbmArguments given = PbmArguments.From(["10.0.0.5:9200", "book", "show", "-s", "binance-usdm:BTCUSDT"], true, null, 30, NoEnv);
        Assert.Equal(new InspectionEndpoint("10.0.0.5", 9200), given.Endpoint);
        Assert.Equal(["book", "show", "-s", "binance-usdm:BTCUSDT"], given.Words);
        Assert.True(given.Json);

        Assert.Equal(new InspectionEndpoint("::1", 9110), PbmArguments.From(["[::1]:9110"], false, null, 30, NoEnv).Endpoint);
    }

    [Theory]
    [InlineData("localhost:9110", true)]
    [InlineData("[::1]:9110", true)]
    [InlineData("binance-usdm:BTCUSDT", false)]
    [InlineData("host:0", false)]
    [InlineData("host:70000", false)]
    [InlineData("::1", false)]
    [InlineData("cluster", false)]
    public void Endpoints_are_told_from_other_words(string text, bool endpoint) =>
        Assert.Equal(endpoint, InspectionEndpoint.TryParse(text, out _));

    [Fact]
    public void The_token_comes_from_the_flag_or_the_environment()
    {
        Assert.Null(PbmArguments.From(["cluster", "show"], false, null, 30, NoEnv).Token);
        Assert.Equal("env", PbmArguments.From(["cluster", "show"], false, null, 30, n => n == "QF_INSPECT_TOKEN" ? "env" : null).Token);
        Assert.Equal("flag", PbmArguments.From(["cluster", "show"], false, "flag", 30, n => n == "QF_INSPECT_TOKEN" ? "env" : null).Token);
        Assert.Throws<CommandUsageException>(() => PbmArguments.From([], false, null, 0, NoEnv));
    }

    [Theory]
    [InlineData("pbm 127.0.0.1:9111 cluster leave -a akka.tcp://quantumflow@127.0.0.1:4054 --token t", "127.0.0.1:9111 cluster leave -a akka.tcp://quantumflow@127.0.0.1:4054")]
    [InlineData("pbm actor hierarchy -d 3 -s /user --json", "actor hierarchy -d 3 -s /user")]
    [InlineData("pbm book show -s BTCUSDT -n 5", "book show -s BTCUSDT -n 5")]
    [InlineData("pbm cluster-sharding region-stats -r book --timeout 5", "cluster-sharding region-stats -r book")]
    [InlineData("pbm", "")]
    public void The_real_root_command_passes_palette_switches_through(string line, string words)
    {
        ParseResult parse = Program.Root().Parse(line);
        Assert.Empty(parse.Errors);
        Command pbm = parse.CommandResult.Command;
        Assert.Equal("pbm", pbm.Name);
        Assert.Equal(words, string.Join(' ', parse.GetValue<string[]>("ARGS") ?? []));
    }
}
