using System.Diagnostics;

namespace QuantumFlow.Tests.Support;

/// <summary>
/// The PostgreSQL server of this test process: the one <c>QF_TEST_POSTGRES</c> names (scripts/test.sh, CI), otherwise
/// a throwaway one started on first use with scripts/pg.sh (the script CI uses; it runs the server as a dedicated user
/// because PostgreSQL refuses to run as root) and stopped when the process exits.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "QF_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to the server's maintenance database, with the rights to create databases.</summary>
    /// <exception cref="InvalidOperationException">no server named and none could be started, saying what to do.</exception>
    public static string ConnectionString => Server.Value;

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given) return given;
        string bin = Environment.GetEnvironmentVariable("QF_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")) || !File.Exists(Path.Combine(bin, "pg_ctl")))
            throw new InvalidOperationException(
                $"{Variable} is not set and no PostgreSQL binaries are in {bin}: install PostgreSQL 15 (Debian: apt-get install -y postgresql), " +
                $"set QF_PG_BIN to its bin folder, set {Variable} to a server's connection string, or run scripts/test.sh");
        string script = TestRepository.PathOf(Path.Combine("scripts", "pg.sh"));
        // Test projects run as parallel processes: each starts its own server, and a port another one took between
        // the script's check and its start makes the start fail, so it is tried again on the next free port.
        string failure = "";
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            string dir = Path.Combine(Path.GetTempPath(), $"qf-pg-test-{Environment.ProcessId}-{attempt}");
            (int code, string output, string error) = Run(script, "start", dir, bin);
            if (code == 0)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, "stop", dir, bin);
                return output.Trim().Split('\n')[^1];
            }
            failure = $"exit {code}: {error.Trim()}";
            Run(script, "stop", dir, bin);
        }
        throw new InvalidOperationException($"{Variable} is not set and scripts/pg.sh could not start a throwaway PostgreSQL ({failure}); " +
            $"set {Variable} to a server's connection string, or run scripts/test.sh");
    }

    private static (int Code, string Output, string Error) Run(string script, string verb, string dir, string bin)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(verb);
        start.Environment["QF_PG_DIR"] = dir;
        start.Environment["QF_PG_BIN"] = bin;
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"scripts/pg.sh {verb} did not finish in 2 minutes");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
