package dev.zuoraclient.callouts.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the regression benchmarks and writes {@code BENCHMARKS.md}: the call path against the raw
 * JDK {@code HttpClient} (JMH), batch throughput and heap, a bulk job against the tenant's limits,
 * cold start, and the runtime footprint. The transport study that chose the JDK client is retired
 * (docs/performance.md says how to bring it back).
 *
 * <p>Arguments: the project directory, its build directory, and the Maven version. With {@code
 * -Dbench.quick=true} JMH runs shorter iterations (a smoke test of the harness; the numbers are not
 * worth keeping).
 */
public final class BenchmarkSuite {
  static final String COMMAND = "mvn -B -Pbench verify -DskipTests";

  /** One client under test in the per-call benchmarks. */
  record Contender(String key, String label, String benchmark) {}

  // The keys are the study's: (1a) and (3) kept their numbers when the other contenders retired.
  static final Contender RAW_HTTP_CLIENT =
      new Contender(
          "1a",
          "raw `java.net.http.HttpClient` (HTTP/1.1)",
          RawHttpClientBenchmark.class.getName() + ".call");
  static final Contender LIBRARY =
      new Contender(
          "3",
          "**`CalloutResendClient.resend`** (this library: its own `java.net.http.HttpClient`)",
          CalloutResendClientBenchmark.class.getName() + ".call");

  static final List<Contender> CONTENDERS = List.of(RAW_HTTP_CLIENT, LIBRARY);

  /** One section of the report, run in order; it may add lines to the summary. */
  interface Section {
    String run(BenchmarkSuite suite) throws Exception;
  }

  /**
   * The report's sections, in order, by the name {@code -Dbench.only} takes. A new benchmark is a
   * section class of its own in this package, like {@link BatchSection}, and a line at the end of
   * this map; its heading takes the next number (9).
   */
  static final Map<String, Section> SECTIONS = sections();

  private static Map<String, Section> sections() {
    Map<String, Section> s = new LinkedHashMap<>();
    s.put("call-path", suite -> new CallPathSection(suite).run());
    s.put("batch", suite -> new BatchSection(suite).run());
    s.put("capacity", suite -> new CapacitySection(suite).run());
    s.put("cold-start", suite -> new ColdStartSection(suite).run());
    s.put("footprint", suite -> new FootprintSection(suite).run());
    s.put("finder", suite -> new FinderSection(suite).run());
    return Collections.unmodifiableMap(s);
  }

  /** A cell of the per-call grid. */
  record Row(String payload, int threads) {
    String title() {
      return "payload " + payload + ", " + threads + (threads == 1 ? " thread" : " threads");
    }

    /** Against the raw form of the library's own transport: 0.9x at 1 thread, none at 8. */
    double target() {
      return threads == 1 ? 0.9 : Double.NaN;
    }
  }

  static final List<Row> ROWS =
      List.of(new Row("A", 1), new Row("B", 1), new Row("A", 8), new Row("B", 8));

  private final Path basedir;
  private final Path target;
  private final Path work;
  private final String mavenVersion;
  private final Jmh.Settings settings;
  private final StringBuilder md = new StringBuilder();
  private final List<String> headlines = new ArrayList<>();

  private BenchmarkSuite(Path basedir, Path target, String mavenVersion, Jmh.Settings settings) {
    this.basedir = basedir;
    this.target = target;
    this.work = target.resolve("bench");
    this.mavenVersion = mavenVersion;
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    Path basedir = Path.of(args[0]).toAbsolutePath();
    Path target = Path.of(args[1]).toAbsolutePath();
    String maven = args.length > 2 ? args[2] : "?";
    Jmh.Settings settings =
        Boolean.getBoolean("bench.quick") ? Jmh.Settings.QUICK : Jmh.Settings.STANDARD;
    BenchmarkSuite suite = new BenchmarkSuite(basedir, target, maven, settings);
    String only = System.getProperty("bench.only", "").trim();
    if (only.isEmpty()) {
      suite.run();
    } else {
      suite.runOnly(only);
    }
  }

  /**
   * One section on its own ({@code -Dbench.only=cold-start}), for a rerun after a change that
   * touches only it: its markdown goes to {@code target/bench/<name>.md}, with the machine's load
   * and the time, and BENCHMARKS.md is left as it is.
   */
  private void runOnly(String name) throws Exception {
    Section section = SECTIONS.get(name);
    if (section == null) {
      throw new IllegalArgumentException(
          "no section '" + name + "'; the sections: " + String.join(", ", SECTIONS.keySet()));
    }
    Files.createDirectories(work.resolve("jmh"));
    String loadBefore = loadAverage();
    String started =
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    String text = section.run(this);
    Path out = work.resolve(name + ".md");
    Files.writeString(
        out,
        text
            + "\nRun on its own (`-Dbench.only="
            + name
            + "`): "
            + System.getProperty("java.runtime.version")
            + ", "
            + started
            + " UTC, load average before / after: "
            + loadBefore
            + " / "
            + loadAverage()
            + ".\n",
        StandardCharsets.UTF_8);
    System.out.println("[bench] wrote " + out);
  }

  private void run() throws Exception {
    long start = System.nanoTime();
    Files.createDirectories(work.resolve("jmh"));
    String loadBefore = loadAverage();
    String started =
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));

    StringBuilder sections = new StringBuilder();
    for (Section section : SECTIONS.values()) {
      sections.append(section.run(this));
    }

    long minutes = Math.round((System.nanoTime() - start) / 60e9);
    md.append("# Benchmarks\n\n")
        .append(
            "How fast the client is next to the raw JDK `HttpClient`, how it handles big batches, ")
        .append("how quickly the command-line tool starts and what the library adds to a class ")
        .append("path. Benchmarks measure; they do not pass or fail.\n\n")
        .append("Reproduce (about ")
        .append(Math.max(1, minutes))
        .append(" minutes; rewrites this file; raw JMH logs in `target/bench/`):\n\n")
        .append("```sh\n")
        .append(COMMAND)
        .append("\n```\n\n")
        .append("| machine | |\n|---|---|\n")
        .append("| CPU | ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(cpuModel())
        .append(" |\n| memory | ")
        .append(memory())
        .append(" |\n| OS | ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(" (")
        .append(System.getProperty("os.arch"))
        .append(") |\n| JDK | ")
        .append(System.getProperty("java.runtime.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(" (")
        .append(System.getProperty("java.vm.vendor"))
        .append(") |\n| Maven | ")
        .append(mavenVersion)
        .append(" |\n| run | ")
        .append(started)
        .append(" UTC, load average before / after: ")
        .append(loadBefore)
        .append(" / ")
        .append(loadAverage())
        .append(" |\n\n")
        .append(
            "The load average counts every process on the machine; above the core count, other ")
        .append("work competed with the benchmarks and the error columns show it.\n\n")
        .append("## Summary\n\n");
    for (String h : headlines) {
      md.append("- ").append(h).append('\n');
    }
    md.append('\n').append(sections);
    Path out = basedir.resolve("BENCHMARKS.md");
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println("[bench] wrote " + out);
  }

  // ---- shared with the sections ----

  /** A line for the summary at the top, in section order. */
  void headline(String line) {
    headlines.add(line);
  }

  Path basedir() {
    return basedir;
  }

  Path target() {
    return target;
  }

  Path work() {
    return work;
  }

  Jmh.Settings settings() {
    return settings;
  }

  // ---- formatting ----

  static String ops(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
  }

  static String num(double v, int decimals) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  static String ratio(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2fx", v);
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
  }

  static String kb(long bytes) {
    return String.format(Locale.ROOT, "%,.0f KB", bytes / 1024.0);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  // ---- machine ----

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown model");
    } catch (IOException | RuntimeException e) {
      return "unknown model";
    }
  }

  private static String memory() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      Map<String, String> info = new LinkedHashMap<>();
      lines.forEach(l -> info.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 1)));
      long kb = Long.parseLong(info.get("MemTotal").trim().split("\\s+")[0]);
      return String.format(Locale.ROOT, "%.0f GB", kb / 1048576.0);
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
