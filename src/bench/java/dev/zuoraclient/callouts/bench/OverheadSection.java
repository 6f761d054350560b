package dev.zuoraclient.callouts.bench;

import static dev.zuoraclient.callouts.bench.BenchmarkSuite.FEIGN_DEFAULTS;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.GENERATED;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.LIBRARY;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.RAW_HTTP_CLIENT;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.TRANSPORTS;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.num;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.ops;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.pct;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.ratio;

import dev.zuoraclient.callouts.bench.BenchmarkSuite.Contender;
import dev.zuoraclient.callouts.bench.BenchmarkSuite.Row;
import dev.zuoraclient.callouts.bench.Jmh.Measurement;
import dev.zuoraclient.callouts.internal.CallPathBenchmark;
import dev.zuoraclient.callouts.internal.RequestGzipCheck;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sections 1 to 3: per-call overhead, where the time goes, and the transport choice. */
final class OverheadSection {
  // Warm-ups of about 10 s, like section 1's: on the network the library's call path kept getting
  // faster until about 8 s in, and in memory payload B runs at a similar rate of calls.
  private static final Jmh.Settings PROFILE_SETTINGS = new Jmh.Settings(5, 3, 2);
  private static final Jmh.Settings IN_MEMORY_SETTINGS = new Jmh.Settings(10, 5, 1);
  private static final String CALL_PATH = CallPathBenchmark.class.getName() + ".";

  /** Whole calls over the in-memory transport. */
  private static final Map<String, String> PIPELINES = new LinkedHashMap<>();

  /** The library's steps, payload B. */
  private static final Map<String, String> STEPS = new LinkedHashMap<>();

  static {
    PIPELINES.put(
        "jacksonOnly", "Jackson only: a UUID key, encode the IDs, decode the answer (bytes)");
    PIPELINES.put("generatedFeign", "(2) generated `NotificationsApi`, Feign defaults");
    PIPELINES.put("library", "(3) the library: `resend`'s checks, then `ResendExecutor`");
    STEPS.put("checkIds", "check 1000 IDs (`CalloutResendClient.resend`'s checks)");
    STEPS.put("encodeToBytes", "encode 1000 IDs: `ObjectMapper.writeValueAsBytes`");
    STEPS.put("encodeWithFeign", "encode 1000 IDs: Feign's `JacksonEncoder` into a template");
    STEPS.put(
        "decodeFromBytes", "decode 500 failures from bytes: `ObjectMapper.readValue(byte[])`");
    STEPS.put(
        "decodeThroughReader",
        "decode 500 failures through a `Reader`: Feign's `JacksonDecoder`, as in (2)");
    STEPS.put(
        "decodeLibraryChain",
        "decode 500 failures, the library's chain: bounded body, `ApiResponse` from the bytes,"
            + " signalling decoder");
    STEPS.put(
        "mapOutcome", "map the outcome: 500 failures into a `ResendResult` (`OutcomeMapper`)");
  }

  private final BenchmarkSuite suite;
  private final Map<Row, Map<Contender, Measurement>> grid = new LinkedHashMap<>();
  private final Map<Row, Map<Contender, Measurement>> profiles = new LinkedHashMap<>();
  private final Map<String, Measurement> inMemory = new LinkedHashMap<>();
  private final StringBuilder md = new StringBuilder();
  private String forkArgs;
  private List<String> gzipCheck = List.of();

  OverheadSection(BenchmarkSuite suite) {
    this.suite = suite;
  }

  String run() throws IOException {
    Path jmhLogs = suite.work().resolve("jmh");
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
      Jmh jmh = new Jmh(suite.settings(), jmhLogs, forkJvmArgs);
      for (Row row : BenchmarkSuite.ROWS) {
        Map<Contender, Measurement> cells = new LinkedHashMap<>();
        for (Contender c : BenchmarkSuite.CONTENDERS) {
          cells.put(
              c, jmh.run(c.benchmark(), row.payload(), row.threads(), List.of(), null, probe));
        }
        grid.put(row, cells);
      }
      Jmh quick =
          new Jmh(
              Boolean.getBoolean("bench.quick") ? Jmh.Settings.QUICK : IN_MEMORY_SETTINGS,
              jmhLogs,
              forkJvmArgs);
      for (String payload : List.of("A", "B")) {
        for (String step : PIPELINES.keySet()) {
          inMemory.put(
              step + "/" + payload, quick.run(CALL_PATH + step, payload, 1, List.of(), null, null));
        }
      }
      for (String step : STEPS.keySet()) {
        inMemory.put(step + "/B", quick.run(CALL_PATH + step, "B", 1, List.of(), null, null));
      }
      List<Row> missed = rowsToProfile();
      if (!missed.isEmpty()) {
        Path jfc = writeSamplingConfig();
        Jmh profiler =
            new Jmh(
                Boolean.getBoolean("bench.quick") ? Jmh.Settings.QUICK : PROFILE_SETTINGS,
                jmhLogs,
                forkJvmArgs);
        for (Row row : missed) {
          Map<Contender, Measurement> cells = new LinkedHashMap<>();
          for (Contender c : List.of(RAW_HTTP_CLIENT, LIBRARY)) {
            cells.put(
                c,
                profiler.run(c.benchmark(), row.payload(), row.threads(), List.of(), jfc, probe));
          }
          profiles.put(row, cells);
        }
      }
    }
    try {
      gzipCheck = RequestGzipCheck.run();
    } catch (RuntimeException e) {
      gzipCheck = List.of("the check failed: " + e);
    }
    overhead();
    whereTheTimeGoes();
    transport();
    headlines();
    return md.toString();
  }

  // ---- 1 ----

  private void overhead() {
    int bBytes = Payloads.failureAnswer().length;
    md.append("## 1. Per-call overhead\n\n")
        .append("One server in its own JVM on loopback (a JDK `HttpServer`, 16 threads, ")
        .append("`sun.net.httpserver.nodelay=true`) answers every contender with the same bytes: ")
        .append("**A** = 10 IDs, answered 202 with an empty body; **B** = 1000 IDs, answered 202 ")
        .append("with a JSON map of 500 failures (")
        .append(String.format(java.util.Locale.ROOT, "%,d", bBytes))
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
      md.append("### ").append(capitalize(row.title())).append("\n\n");
      md.append("| | contender | ops/s | ± | B/op | client CPU µs/op | server CPU µs/op ")
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
    boolean anyFailed =
        grid.values().stream().flatMap(m -> m.values().stream()).anyMatch(m -> !m.ok());
    if (anyFailed) {
      md.append("A cell that failed shows the first error its fork logged; the run stops at ")
          .append("the first error (the raw clients have no retries), so it has no number.\n\n");
    }
    md.append("### The library against the raw form of its own transport\n\n")
        .append("Ratio = ops/s of (3) / ops/s of (1a), the same `java.net.http.HttpClient` used ")
        .append("by hand. Target: at least 0.9x at 1 thread (at 8 threads on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, client CPU decides, see section 2).\n\n")
        .append("| payload | threads | (1a) ops/s | (3) ops/s | ratio | target | |\n")
        .append("|---|--:|--:|--:|--:|--:|---|\n");
    for (Row row : BenchmarkSuite.ROWS) {
      double r = libraryRatio(row);
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
          .append(verdict(r, row.target()))
          .append(" |\n");
    }
    md.append("\n### The library against what a team would generate\n\n")
        .append("Ratio = ops/s of (3) / ops/s of (7) and of (8), generated from the same spec ")
        .append("with OpenAPI Generator's defaults. Target: at least 1.0x in every cell.\n\n")
        .append("| payload | threads | (7) ops/s | (3) / (7) | (8) ops/s | (3) / (8) | |\n")
        .append("|---|--:|--:|--:|--:|--:|---|\n");
    for (Row row : BenchmarkSuite.ROWS) {
      double r7 = score(row, LIBRARY) / score(row, GENERATED.get(0));
      double r8 = score(row, LIBRARY) / score(row, GENERATED.get(1));
      md.append("| ")
          .append(row.payload())
          .append(" | ")
          .append(row.threads())
          .append(" | ")
          .append(cell(row, GENERATED.get(0)))
          .append(" | **")
          .append(ratio(r7))
          .append("** | ")
          .append(cell(row, GENERATED.get(1)))
          .append(" | **")
          .append(ratio(r8))
          .append("** | ")
          .append(generatedVerdict(row))
          .append(" |\n");
    }
    md.append(
        "\nA generated client whose cell failed (its first error is in the table above) has"
            + " no number; the library is counted as ahead there, since it completes every"
            + " call.\n\n");
  }

  /** "met", "**missed**" or "n/a" for a ratio against a target (none: NaN). */
  private static String verdict(double r, double target) {
    if (Double.isNaN(target)) {
      return "";
    }
    return Double.isNaN(r) ? "n/a" : r >= target ? "met" : "**missed**";
  }

  /** Whether the library is at least as fast as both generated clients in this cell. */
  private String generatedVerdict(Row row) {
    return aheadOfGenerated(row) ? "met" : "**missed**";
  }

  private boolean aheadOfGenerated(Row row) {
    double lib = score(row, LIBRARY);
    for (Contender g : GENERATED) {
      double other = score(row, g);
      if (!Double.isNaN(other) && !(lib >= other)) {
        return false;
      }
    }
    return !Double.isNaN(lib);
  }

  private String cell(Row row, Contender c) {
    Measurement m = grid.get(row).get(c);
    return m.ok() ? ops(m.score()) : "failed";
  }

  // ---- 2 ----

  private void whereTheTimeGoes() {
    md.append("## 2. Where the time goes\n\n")
        .append("At 1 thread a call is one round trip, so throughput is about 1 / (client CPU + ")
        .append("server CPU + kernel and wake-up latency): every microsecond the client spends ")
        .append("shows. At 8 threads on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, client, server and kernel share the CPUs, so throughput is roughly ")
        .append("cores / (CPU per call, client and server). Client CPU per call, from the raw ")
        .append("`HttpClient` (1a) to the generated interface on the library's transport (2) to ")
        .append("the library (3):\n\n")
        .append("| payload | threads | (1a) µs | (2) µs | (3) µs | Feign adds | the library adds ")
        .append("| (1a) B/op | (2) B/op | (3) B/op |\n")
        .append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Row row : BenchmarkSuite.ROWS) {
      Map<Contender, Measurement> cells = grid.get(row);
      double raw = cells.get(RAW_HTTP_CLIENT).cpuPerOp();
      double feign = cells.get(FEIGN_DEFAULTS).cpuPerOp();
      double lib = cells.get(LIBRARY).cpuPerOp();
      md.append("| ")
          .append(row.payload())
          .append(" | ")
          .append(row.threads())
          .append(" | ")
          .append(num(raw, 1))
          .append(" | ")
          .append(num(feign, 1))
          .append(" | ")
          .append(num(lib, 1))
          .append(" | ")
          .append(signed(feign - raw))
          .append(" | ")
          .append(signed(lib - feign))
          .append(" | ")
          .append(ops(cells.get(RAW_HTTP_CLIENT).allocPerOp()))
          .append(" | ")
          .append(ops(cells.get(FEIGN_DEFAULTS).allocPerOp()))
          .append(" | ")
          .append(ops(cells.get(LIBRARY).allocPerOp()))
          .append(" |\n");
    }
    md.append('\n');
    capacity();
    withoutTheNetwork();
    if (profiles.isEmpty()) {
      md.append("The library met its targets at 1 thread, so no profile was taken.\n\n");
      return;
    }
    md.append("### Profiles\n\n")
        .append("Each 1-thread row that missed its target was run again on the network, for ")
        .append(
            "the raw `HttpClient` (1a) and the library, under Flight Recorder (execution samples every 1"
                + " ms, 128 frames; JMH ")
        .append(PROFILE_SETTINGS.describe())
        .append(", recording during measurement). Only threads running Java code are sampled. ")
        .append("`≈ µs/op` is a step's share of the samples times the client CPU per call ")
        .append("measured in section 1 (without the profiler, which costs CPU itself): a rough ")
        .append("split, since CPU spent in the kernel and by GC and JIT threads is not sampled ")
        .append("as such. A sample belongs to the innermost step on its stack: reading a body ")
        .append("from the socket counts as the HTTP exchange, whoever asked for it.\n\n");
    for (Map.Entry<Row, Map<Contender, Measurement>> e : profiles.entrySet()) {
      Row row = e.getKey();
      Map<Contender, JfrSummary> summaries = new LinkedHashMap<>();
      for (Map.Entry<Contender, Measurement> c : e.getValue().entrySet()) {
        JfrSummary s = summary(c.getValue());
        if (s != null && s.samples > 0) {
          summaries.put(c.getKey(), s);
        }
      }
      md.append("#### Profile: ").append(row.title()).append("\n\n");
      if (summaries.isEmpty()) {
        md.append("No profile could be read (see `target/bench/jmh`).\n\n");
        continue;
      }
      md.append("| profiled run | ops/s | samples | other load |\n|---|--:|--:|--:|\n");
      for (Contender c : summaries.keySet()) {
        Measurement m = e.getValue().get(c);
        md.append("| (")
            .append(c.key())
            .append(") | ")
            .append(ops(m.score()))
            .append(" | ")
            .append(summaries.get(c).samples)
            .append(" | ")
            .append(pct(m.foreignLoad()))
            .append(" |\n");
      }
      // Scaled by the CPU per call measured without the profiler, which costs CPU itself.
      shareTable("step of the call", JfrSummary.STEP_NAMES, summaries, grid.get(row), true);
      shareTable("layer", JfrSummary.LAYERS, summaries, grid.get(row), false);
      JfrSummary lib = summaries.get(LIBRARY);
      if (lib != null) {
        md.append("\nThe library (3): its and Feign's methods by share of samples with the method ")
            .append("on the stack (plumbing every call goes through left out):\n\n")
            .append("| method | share |\n|---|--:|\n");
        for (Map.Entry<String, Integer> m : lib.topInclusive) {
          md.append("| `")
              .append(m.getKey())
              .append("` | ")
              .append(pct(m.getValue() / (double) lib.samples))
              .append(" |\n");
        }
        md.append("\nThe library (3): top frames of the samples:\n\n")
            .append("| method | share |\n|---|--:|\n");
        for (Map.Entry<String, Integer> m : lib.topSelf) {
          md.append("| `")
              .append(m.getKey())
              .append("` | ")
              .append(pct(m.getValue() / (double) lib.samples))
              .append(" |\n");
        }
      }
      md.append('\n');
    }
  }

  /** At 8 threads the CPUs are the limit: CPU per call predicts throughput. */
  private void capacity() {
    int cores = Runtime.getRuntime().availableProcessors();
    md.append("At 8 threads the ")
        .append(cores)
        .append(" cores are the limit, and the CPU that client and server spend per call ")
        .append("predicts the throughput (cores / CPU per call):\n\n")
        .append("| payload | contender | client + server CPU µs/op | predicted ops/s | measured ")
        .append("ops/s |\n|---|---|--:|--:|--:|\n");
    for (Row row : BenchmarkSuite.ROWS) {
      if (row.threads() == 1) {
        continue;
      }
      for (Contender c : List.of(RAW_HTTP_CLIENT, FEIGN_DEFAULTS, LIBRARY)) {
        Measurement m = grid.get(row).get(c);
        double cpu = m.cpuPerOp() + m.serverCpuPerOp();
        md.append("| ")
            .append(row.payload())
            .append(" | (")
            .append(c.key())
            .append(") | ")
            .append(num(cpu, 1))
            .append(" | ")
            .append(ops(cores * 1e6 / cpu))
            .append(" | ")
            .append(ops(m.score()))
            .append(" |\n");
      }
    }
    md.append('\n');
  }

  /** The in-memory runs: whole calls and the library's steps, with tight error bars. */
  private void withoutTheNetwork() {
    md.append("### Without the network\n\n")
        .append("The same calls over an in-memory Feign `Client` that answers with the server's ")
        .append("bytes, so that only client-side CPU is measured (JMH ")
        .append(
            (Boolean.getBoolean("bench.quick") ? Jmh.Settings.QUICK : IN_MEMORY_SETTINGS)
                .describe()
                .replace("throughput mode", "average time per call"))
        .append(", 1 thread; `CallPathBenchmark`). Whole calls, µs per call:\n\n")
        .append("| call | A | ± | B | ± |\n|---|--:|--:|--:|--:|\n");
    for (Map.Entry<String, String> p : PIPELINES.entrySet()) {
      Measurement a = inMemory.get(p.getKey() + "/A");
      Measurement b = inMemory.get(p.getKey() + "/B");
      md.append("| ")
          .append(p.getValue())
          .append(" | ")
          .append(a.ok() ? num(a.score(), 1) : a.failure())
          .append(" | ")
          .append(num(a.error(), 1))
          .append(" | ")
          .append(b.ok() ? num(b.score(), 1) : b.failure())
          .append(" | ")
          .append(num(b.error(), 1))
          .append(" |\n");
    }
    md.append("\nThe library's steps for payload B, µs each:\n\n")
        .append("| step | µs | ± | B/op |\n|---|--:|--:|--:|\n");
    for (Map.Entry<String, String> st : STEPS.entrySet()) {
      Measurement m = inMemory.get(st.getKey() + "/B");
      md.append("| ")
          .append(st.getValue())
          .append(" | ")
          .append(m.ok() ? num(m.score(), 1) : m.failure())
          .append(" | ")
          .append(num(m.error(), 1))
          .append(" | ")
          .append(ops(m.allocPerOp()))
          .append(" |\n");
    }
    double jackson = inMemory.get("jacksonOnly/B").score();
    double feign = inMemory.get("generatedFeign/B").score();
    double lib = inMemory.get("library/B").score();
    double jacksonA = inMemory.get("jacksonOnly/A").score();
    double feignA = inMemory.get("generatedFeign/A").score();
    double libA = inMemory.get("library/A").score();
    double chain = inMemory.get("decodeLibraryChain/B").score();
    double bytes = inMemory.get("decodeFromBytes/B").score();
    double reader = inMemory.get("decodeThroughReader/B").score();
    md.append("\nWithout the network, a call costs the library ")
        .append(num(libA, 1))
        .append(" µs for A and ")
        .append(num(lib, 1))
        .append(" µs for B, where Jackson alone needs ")
        .append(num(jacksonA, 1))
        .append(" and ")
        .append(num(jackson, 1))
        .append(". The bare generated interface (2) costs ")
        .append(num(feignA - jacksonA, 1))
        .append(" and ")
        .append(num(feign - jackson, 1))
        .append(" µs more than Jackson alone (Feign's templates, `Client` adaptation and, for B, ")
        .append("decoding through a `Reader`); the library (3) ")
        .append(signedMicros(libA - feignA))
        .append(" and ")
        .append(signedMicros(lib - feign))
        .append(" against (2): its checks, retry loop, bounded body and outcome mapping, less ")
        .append("what it saves by parsing bytes. Decoding B's answer, the library's chain takes ")
        .append(num(chain, 1))
        .append(" µs, Jackson on the bytes alone ")
        .append(num(bytes, 1))
        .append(" µs, Feign's `JacksonDecoder` ")
        .append(num(reader, 1))
        .append(" µs.\n\n");
  }

  private static String signedMicros(double v) {
    return Double.isNaN(v) ? "n/a" : (v >= 0 ? "adds " : "saves ") + num(Math.abs(v), 1) + " µs";
  }

  private void shareTable(
      String what,
      List<String> names,
      Map<Contender, JfrSummary> summaries,
      Map<Contender, Measurement> runs,
      boolean steps) {
    md.append("\n| ").append(what).append(" |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Contender c : summaries.keySet()) {
      md.append(" (").append(c.key()).append(") share | ≈ µs/op |");
      rule.append("--:|--:|");
    }
    md.append('\n').append(rule).append('\n');
    for (String name : names) {
      boolean any = false;
      for (JfrSummary s : summaries.values()) {
        any |= (steps ? s.bySteps.get(name) : s.byLayer.get(name)) > 0;
      }
      if (!any) {
        continue;
      }
      md.append("| ").append(name).append(" |");
      for (Map.Entry<Contender, JfrSummary> s : summaries.entrySet()) {
        double share = steps ? s.getValue().stepShare(name) : s.getValue().layerShare(name);
        md.append(' ')
            .append(pct(share))
            .append(" | ")
            .append(num(share * runs.get(s.getKey()).cpuPerOp(), 1))
            .append(" |");
      }
      md.append('\n');
    }
  }

  // ---- 3 ----

  private void transport() {
    md.append("## 3. Transport: which HTTP client under Feign\n\n")
        .append("The library's wiring (ID checks, Feign settings, decoders, outcome mapping) over ")
        .append("each candidate, set up as the library would ship it: no hidden retries, no ")
        .append("redirects, a pool for 40 calls in flight. (3) is the shipped default, each ")
        .append("client's own `java.net.http.HttpClient` (HTTP/1.1) under `HttpClientTransport`; ")
        .append("(4) the previous default, `HttpURLConnection` through Feign's `DefaultClient` ")
        .append("with request buffering; (5) OkHttp through feign-okhttp ")
        .append("(13.12, on our feign-core); (6) Apache HttpClient 5 through feign-hc5 (13.9.1).")
        .append("\n\n| payload | threads |");
    for (Contender c : TRANSPORTS) {
      md.append(" (").append(c.key()).append(") ops/s |");
    }
    for (Contender c : TRANSPORTS) {
      md.append(" (").append(c.key()).append(") CPU µs/op |");
    }
    for (Contender c : TRANSPORTS) {
      md.append(" (").append(c.key()).append(") conns/1000 |");
    }
    md.append("\n|---|--:|").append("--:|".repeat(TRANSPORTS.size() * 3)).append('\n');
    for (Row row : BenchmarkSuite.ROWS) {
      md.append("| ").append(row.payload()).append(" | ").append(row.threads()).append(" |");
      for (Contender c : TRANSPORTS) {
        md.append(' ').append(cell(row, c)).append(" |");
      }
      for (Contender c : TRANSPORTS) {
        md.append(' ').append(num(grid.get(row).get(c).cpuPerOp(), 1)).append(" |");
      }
      for (Contender c : TRANSPORTS) {
        md.append(' ').append(num(grid.get(row).get(c).connectionsPer1000(), 1)).append(" |");
      }
      md.append('\n');
    }
    md.append("\nRequest gzip (`ResendOptions.gzipRequest(true)`), one call each through the ")
        .append("library's wiring against the simulator:\n\n");
    for (String line : gzipCheck) {
      md.append("- ").append(line).append('\n');
    }
    int fastest = 0;
    for (Row row : BenchmarkSuite.ROWS) {
      boolean best = true;
      for (Contender c : TRANSPORTS) {
        best &= !(score(row, c) > score(row, LIBRARY));
      }
      fastest += best ? 1 : 0;
    }
    Row a1 = new Row("A", 1);
    md.append("\n**The choice: the JDK's `HttpClient`, at a cost in CPU.** It was the fastest ")
        .append("candidate in ")
        .append(fastest)
        .append(" of ")
        .append(BenchmarkSuite.ROWS.size())
        .append(" rows; for payload A at 1 thread it spent ")
        .append(num(grid.get(a1).get(LIBRARY).cpuPerOp(), 1))
        .append(" µs of client CPU per call, Apache HttpClient 5 (6) ")
        .append(num(grid.get(a1).get(BenchmarkSuite.LIBRARY_HC5).cpuPerOp(), 1))
        .append(" µs. It is kept because it is the only candidate that gives a library living in ")
        .append("other teams' JVMs what it needs without a new runtime dependency: a connection ")
        .append("pool, proxy and TLS context per client (`HttpURLConnection`'s pool size, proxy ")
        .append("defaults and hidden POST re-send are JVM-wide: `http.maxConnections`, ")
        .append("`sun.net.http.retryPost`), no silent retry of a POST, interim 1xx answers ")
        .append("skipped, a short body detected, and an application can hand in its own ")
        .append("configured client. Apache HttpClient 5 is the faster alternative, at about 2 MB ")
        .append("more on every user's class path (httpclient5, httpcore5, httpcore5-h2, ")
        .append("slf4j-api) and an adapter of our own (feign-hc5 stopped at 13.9.1); it is the ")
        .append("one to adopt if client CPU per call comes to matter. Against Zuora a call waits ")
        .append("tens to hundreds of milliseconds on the network and on Zuora's work, so the ")
        .append("difference is well under a hundredth of a call; a bulk job is bound by the ")
        .append("tenant's limits (section 5). OkHttp stalls on Nagle's algorithm with large ")
        .append("bodies unless its socket factory is configured (rows B), and through ")
        .append("feign-okhttp sends an uncompressed body labelled gzip (above).\n\n");
  }

  private void headlines() {
    StringBuilder ratios =
        new StringBuilder("Per call, `CalloutResendClient.resend` reaches ")
            .append(ratio(libraryRatio(new Row("A", 1))))
            .append(" (A) and ")
            .append(ratio(libraryRatio(new Row("B", 1))))
            .append(" (B) of the raw `HttpClient`'s throughput at 1 thread (target 0.9x), ")
            .append(ratio(libraryRatio(new Row("A", 8))))
            .append(" and ")
            .append(ratio(libraryRatio(new Row("B", 8))))
            .append(" at 8 threads");
    int ahead = 0;
    for (Row row : BenchmarkSuite.ROWS) {
      ahead += aheadOfGenerated(row) ? 1 : 0;
    }
    ratios
        .append("; it is at least as fast as both generated clients (okhttp-gson, native) in ")
        .append(ahead)
        .append(" of 4 cells (target: all; section 1).");
    suite.headline(ratios.toString());
    double jA = inMemory.get("jacksonOnly/A").score();
    double jB = inMemory.get("jacksonOnly/B").score();
    double fA = inMemory.get("generatedFeign/A").score();
    double fB = inMemory.get("generatedFeign/B").score();
    double lA = inMemory.get("library/A").score();
    double lB = inMemory.get("library/B").score();
    suite.headline(
        "Without the network, a call costs the library "
            + num(lA, 1)
            + " µs (A) and "
            + num(lB, 1)
            + " µs (B), Jackson alone "
            + num(jA, 1)
            + " and "
            + num(jB, 1)
            + " µs; the bare generated Feign interface costs "
            + num(fA - jA, 1)
            + " and "
            + num(fB - jB, 1)
            + " µs more than Jackson alone, the library "
            + num(lA - fA, 1)
            + " and "
            + num(lB - fB, 1)
            + " µs more than that (section 2).");
    suite.headline(
        "Transport: each client's own `java.net.http.HttpClient`, measured against"
            + " `HttpURLConnection`, OkHttp and Apache HttpClient 5 under the same wiring"
            + " (section 3).");
  }

  // ---- helpers ----

  private List<Row> rowsToProfile() {
    List<Row> missed = new ArrayList<>();
    for (Row row : BenchmarkSuite.ROWS) {
      double r = libraryRatio(row);
      if (row.threads() == 1 && !Double.isNaN(r) && r < row.target()) {
        missed.add(row);
      }
    }
    return missed;
  }

  private double libraryRatio(Row row) {
    return score(row, LIBRARY) / score(row, RAW_HTTP_CLIENT);
  }

  private double score(Row row, Contender c) {
    Measurement m = grid.get(row).get(c);
    return m == null ? Double.NaN : m.score();
  }

  private static JfrSummary summary(Measurement m) {
    if (m == null || !m.ok() || m.jfr() == null) {
      return null;
    }
    try {
      return JfrSummary.read(m.jfr(), 12);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private Path writeSamplingConfig() throws IOException {
    Path jfc = suite.work().resolve("execution-samples.jfc");
    Files.writeString(
        jfc,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<configuration version=\"2.0\" label=\"execution samples\">\n"
            + "  <event name=\"jdk.ExecutionSample\">\n"
            + "    <setting name=\"enabled\">true</setting>\n"
            + "    <setting name=\"period\">1 ms</setting>\n"
            + "  </event>\n"
            + "</configuration>\n");
    return jfc;
  }

  private static String signed(double v) {
    return Double.isNaN(v) ? "n/a" : (v >= 0 ? "+" : "") + num(v, 1);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
