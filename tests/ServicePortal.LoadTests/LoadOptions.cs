using System.Globalization;

namespace ServicePortal.LoadTests;

/// <summary>Command-line options; every loop the harness runs is bounded by these counts and time limits.</summary>
public sealed record LoadOptions
{
    public string? Database { get; init; }
    public int Clients { get; init; } = 50;
    public int RequestsPerClient { get; init; } = 100;
    public int Circuits { get; init; } = 2000;
    public int Browsers { get; init; } = 5;
    public int HoldSeconds { get; init; } = 10;
    public int CircuitConcurrency { get; init; } = 20;
    public int TimeoutSeconds { get; init; } = 900;
    public string Email { get; init; } = "viewer@demo.local";
    public string CircuitPath { get; init; } = "/";
    public bool Verbose { get; init; }
    public int ImportRows { get; init; }
    public int ImpactCalls { get; init; }
    public int GraphLoads { get; init; }
    public int BackstageEntities { get; init; }
    public int DashboardViews { get; init; }

    public const string Usage = """
        ServicePortal load harness (run on demand; not part of `dotnet test`).

          dotnet run -c Release --project tests/ServicePortal.LoadTests -- [options]

          --db PATH              use this SQLite database (e.g. one made with --generate); default: the seeded sample
                                 in a temporary file that is deleted at the end
          --clients N            concurrent API clients (default 50)
          --requests N           requests per API client (default 100); 0 skips the API load
          --circuits N           lightweight Blazor circuits to open and hold (default 2000); 0 skips them
          --browsers N           Chromium contexts that prove real interactivity (default 5; 0 skips; needs /usr/bin/chromium)
          --hold SECONDS         how long the circuits are held before measuring again (default 10)
          --circuit-concurrency N  circuits being opened at the same time (default 20)
          --path PATH            the page the circuits open (default /)
          --user EMAIL           the demo user (default viewer@demo.local)
          --timeout SECONDS      hard limit for the whole run (default 900)
          --impact N             issue 20 item 5: N impact API calls at the worst hub, then SQLite's recursive CTE for
                                 the same walk on the same file, both timed in this run, with the ratio (default 0: skip)
          --import-rows N        issue 20 item 4: import N new services as one CSV while another client saves
                                 repeatedly; reports those saves' wait (default 0: skip). With --db the portal runs
                                 over a temporary copy, so the file given is not changed
          --graph N              issue 17: N loads of the CMDB graph page in Chromium at 1400x900, two hops around the
                                 node whose neighbourhood is nearest above a diagram's 300-node limit, then frame times
                                 of 60 zoom and 60 pan steps (default 0: skip; needs /usr/bin/chromium and a large --db)
          --backstage N          issue 18: a generated Backstage catalog of N entities (~4 relations each) as one YAML
                                 file from one source: preview, commit, the same again, and a sync where one component
                                 in a hundred has gone (default 0: skip). With --db the portal runs over a copy
          --dashboard N          issue 20 item 3: in Chromium, the dashboard's first view right after the start, N later
                                 views, three other as-of months and the views after two saves elsewhere, each timed
                                 until its charts are visible (default 0: skip). With --db the portal runs over a
                                 temporary copy (the saves write)
          --verbose              the portal's own warnings on the console
        """;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture) is var n and >= 0 ? n : throw new ArgumentException($"{args[i]} must be 0 or more.");
            options = args[i] switch
            {
                "--db" => options with { Database = Path.GetFullPath(Next()) },
                "--clients" => options with { Clients = Math.Max(1, NextInt()) },
                "--requests" => options with { RequestsPerClient = NextInt() },
                "--circuits" => options with { Circuits = NextInt() },
                "--browsers" => options with { Browsers = NextInt() },
                "--hold" => options with { HoldSeconds = NextInt() },
                "--circuit-concurrency" => options with { CircuitConcurrency = Math.Max(1, NextInt()) },
                "--path" => options with { CircuitPath = Next() },
                "--user" => options with { Email = Next() },
                "--timeout" => options with { TimeoutSeconds = Math.Max(10, NextInt()) },
                "--verbose" => options with { Verbose = true },
                "--import-rows" => options with { ImportRows = NextInt() },
                "--impact" => options with { ImpactCalls = NextInt() },
                "--graph" => options with { GraphLoads = NextInt() },
                "--backstage" => options with { BackstageEntities = NextInt() },
                "--dashboard" => options with { DashboardViews = NextInt() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
