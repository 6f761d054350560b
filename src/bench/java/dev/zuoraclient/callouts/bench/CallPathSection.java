package dev.zuoraclient.callouts.bench;

import static dev.zuoraclient.callouts.bench.BenchmarkSuite.LIBRARY;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.RAW_HTTP_CLIENT;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.num;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.ops;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.pct;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.ratio;

import dev.zuoraclient.callouts.bench.BenchmarkSuite.Contender;
import dev.zuoraclient.callouts.bench.BenchmarkSuite.Row;
import dev.zuoraclient.callouts.bench.Jmh.Measurement;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 1: the library's call path against the raw form of its own transport, the JDK {@code
 * HttpClient} used by hand, over loopback. Sections 2 and 3 (where the time goes, which transport)
 * were the transport study: this section says where their results went.
 */
final class CallPathSection {
  /** The commit whose {@code src/bench} still holds the transport study. */
  static final String STUDY_COMMIT = "b10bce0523f1110ad0d39a41c49d2255abd660df";

  private final BenchmarkSuite suite;
  private final Map<Row, Map<Contender, Measurement>> grid = new LinkedHashMap<>();
  private final StringBuilder md = new StringBuilder();
  private String forkArgs;

  CallPathSection(BenchmarkSuite suite) {
    this.suite = suite;
  }

  String run() throws IOException {
    try (ChildJvm server =
        ChildJvm.start(
            suite.work().resolve("loopback-server.log"),
            List.of("-Xms256m", "-Xmx256m", "-Dsun.net.httpserver.nodelay=true"),
            LoopbackServer.class,
            "16")) {
      URI base = URI.create("http://127.0.0.1:" + server.await("port", Duration.ofSeconds(30)));
      ServerProbe probe = new ServerProbe(server, base);
      List<String> forkJvmArgs =
          List.of("-Xms512m", "-Xmx512m", "-D" + Contenders.SERVER_PROPERTY + "=" + base);
      forkArgs = String.join(" ", forkJvmArgs.subList(0, 2));
      Jmh jmh = new Jmh(suite.settings(), suite.work().resolve("jmh"), forkJvmArgs);
      for (Row row : BenchmarkSuite.ROWS) {
        Map<Contender, Measurement> cells = new LinkedHashMap<>();
        for (Contender c : BenchmarkSuite.CONTENDERS) {
          cells.put(
              c, jmh.run(c.benchmark(), row.payload(), row.threads(), List.of(), null, probe));
        }
        grid.put(row, cells);
      }
    }
    table();
    ratios();
    retiredStudy();
    suite.headline(
        "Per call, `CalloutResendClient.resend` reaches "
            + ratio(libraryRatio(new Row("A", 1)))
            + " (A) and "
            + ratio(libraryRatio(new Row("B", 1)))
            + " (B) of the raw `HttpClient`'s throughput at 1 thread (target 0.9x), "
            + ratio(libraryRatio(new Row("A", 8)))
            + " and "
            + ratio(libraryRatio(new Row("B", 8)))
            + " at 8 threads (section 1).");
    return md.toString();
  }

  private void table() {
    md.append("## 1. Per-call overhead\n\n")
        .append("One server in its own JVM on loopback (a JDK `HttpServer`, 16 threads, ")
        .append("`sun.net.httpserver.nodelay=true`) answers every contender with the same bytes: ")
        .append("**A** = 10 IDs, answered 202 with an empty body; **B** = 1000 IDs, answered 202 ")
        .append("with a JSON map of 500 failures (")
        .append(String.format(Locale.ROOT, "%,d", Payloads.failureAnswer().length))
        .append(" bytes). Every contender encodes the ID list with Jackson, decodes the failure ")
        .append("map into the generated `ResendFailure` model, sends the same headers ")
        .append("(`Authorization`, a fresh `Idempotency-Key`, `Content-Type`, `Accept`, ")
        .append("`Accept-Encoding: gzip`) and shares one client between its threads.\n\n")
        .append("| | contender |\n|---|---|\n");
    for (Contender c : BenchmarkSuite.CONTENDERS) {
      md.append("| ").append(c.key()).append(" | ").append(c.label()).append(" |\n");
    }
    md.append("\nJMH ")
        .append(suite.settings().describe())
        .append("; each cell in its own fork (`")
        .append(forkArgs)
        .append(
            "`). The warm-up lets every contender reach its steady state: run alone for 15"
                + " iterations, the library's deeper call path (Feign, Jackson, the JDK client)"
                + " still got faster until about 8 s in, while the JIT compiled it, and a 6 s"
                + " warm-up counted part of that in the measurement.")
        .append(
            " `ops/s` is the mean of the measurement iterations, `±` the 99.9% confidence"
                + " half-width JMH reports (with 5 iterations, about 3.9 times their standard"
                + " deviation: wide, but honest about loopback on a shared machine). ")
        .append("`B/op` is `gc.alloc.rate.norm` (`-prof gc`). `client CPU` is the CPU time of the ")
        .append("benchmark JVM per call, all its threads; `server CPU` the same for the server ")
        .append("process. `conns/1000` is how many distinct client connections the server saw per ")
        .append("1000 calls (warm-up included): about 0 means connections are reused, 1000 means ")
        .append("one new connection per call. `other load` is the share of the machine's CPU ")
        .append("that processes outside the benchmark used meanwhile: the higher, the less the ")
        .append("cell is worth. Before each cell the harness waits for a quiet second (under a ")
        .append("quarter of the CPU busy), up to 4 minutes in all; this run waited ")
        .append(ForeignLoad.secondsWaited())
        .append(" s.\n\n");
    for (Row row : BenchmarkSuite.ROWS) {
      String title = row.title();
      md.append("### ")
          .append(Character.toUpperCase(title.charAt(0)))
          .append(title.substring(1))
          .append("\n\n| | contender | ops/s | ± | B/op | client CPU µs/op | server CPU µs/op ")
          .append("| conns/1000 | other load |\n|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
      for (Map.Entry<Contender, Measurement> e : grid.get(row).entrySet()) {
        Measurement m = e.getValue();
        md.append("| ").append(e.getKey().key()).append(" | ").append(e.getKey().label());
        if (!m.ok()) {
          md.append(" | ").append(m.failure()).append(" | | | | | | |\n");
          continue;
        }
        md.append(" | ")
            .append(ops(m.score()))
            .append(" | ")
            .append(ops(m.error()))
            .append(" | ")
            .append(ops(m.allocPerOp()))
            .append(" | ")
            .append(num(m.cpuPerOp(), 1))
            .append(" | ")
            .append(num(m.serverCpuPerOp(), 1))
            .append(" | ")
            .append(num(m.connectionsPer1000(), 1))
            .append(" | ")
            .append(pct(m.foreignLoad()))
            .append(" |\n");
      }
      md.append('\n');
    }
    if (grid.values().stream().flatMap(m -> m.values().stream()).anyMatch(m -> !m.ok())) {
      md.append("A cell that failed shows the first error its fork logged; the run stops at ")
          .append("the first error (the raw client has no retries), so it has no number.\n\n");
    }
  }

  private void ratios() {
    md.append("### The library against the raw form of its own transport\n\n")
        .append("Ratio = ops/s of (3) / ops/s of (1a), the same `java.net.http.HttpClient` used ")
        .append("by hand. Target: at least 0.9x at 1 thread (at 8 threads on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, client CPU decides).\n\n")
        .append("| payload | threads | (1a) ops/s | (3) ops/s | ratio | target | |\n")
        .append("|---|--:|--:|--:|--:|--:|---|\n");
    for (Row row : BenchmarkSuite.ROWS) {
      double r = libraryRatio(row);
      String verdict =
          Double.isNaN(row.target())
              ? ""
              : Double.isNaN(r) ? "n/a" : r >= row.target() ? "met" : "**missed**";
      md.append("| ")
          .append(row.payload())
          .append(" | ")
          .append(row.threads())
          .append(" | ")
          .append(ops(score(row, RAW_HTTP_CLIENT)))
          .append(" | ")
          .append(ops(score(row, LIBRARY)))
          .append(" | **")
          .append(ratio(r))
          .append("** | ")
          .append(Double.isNaN(row.target()) ? "none" : ratio(row.target()))
          .append(" | ")
          .append(verdict)
          .append(" |\n");
    }
    md.append('\n');
  }

  /** Sections 2 and 3 keep their numbers, and say where the study's results went. */
  private void retiredStudy() {
    md.append("## 2. Where the time goes, and 3. Transport\n\n")
        .append("These sections were the transport study (the library against raw ")
        .append("`HttpURLConnection`, the bare generated Feign interface, the library's wiring ")
        .append("over `HttpURLConnection`, OkHttp and Apache HttpClient 5, OpenAPI Generator's ")
        .append("`okhttp-gson` and `native` clients; the call without the network; profiles). ")
        .append("Its decision is made (each client's own `java.net.http.HttpClient` stays) and ")
        .append("it no longer runs: its result is in `docs/performance.md`, its last tables in ")
        .append("this file as of commit `")
        .append(STUDY_COMMIT, 0, 7)
        .append("`, and `docs/performance.md` has the commands that bring its code back.\n\n");
  }

  private double libraryRatio(Row row) {
    return score(row, LIBRARY) / score(row, RAW_HTTP_CLIENT);
  }

  private double score(Row row, Contender c) {
    Measurement m = grid.get(row).get(c);
    return m == null || !m.ok() ? Double.NaN : m.score();
  }
}
