package dev.zuoraclient.callouts.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs one benchmark, one payload, one thread count, in one fork, through JMH's API. */
final class Jmh {
  /** JMH's settings for every run: one fork, 6 x 2 s warm-up, 5 x 2 s measurement. */
  record Settings(int warmupIterations, int measurementIterations, int seconds) {
    static final Settings STANDARD = new Settings(6, 5, 2);
    static final Settings QUICK = new Settings(1, 2, 1);

    String describe() {
      return "1 fork, "
          + warmupIterations
          + " x "
          + seconds
          + " s warm-up, "
          + measurementIterations
          + " x "
          + seconds
          + " s measurement, throughput mode";
    }
  }

  /** One run's numbers; {@code failure} is set (and the numbers NaN) when the run failed. */
  record Measurement(
      double score,
      double error,
      double allocPerOp,
      double cpuPerOp,
      long serverRequests,
      int serverConnections,
      double serverCpuPerOp,
      double foreignLoad,
      Path jfr,
      String failure) {
    boolean ok() {
      return failure == null;
    }

    double connectionsPer1000() {
      return serverRequests == 0 ? Double.NaN : 1000.0 * serverConnections / serverRequests;
    }
  }

  private final Settings settings;
  private final Path logs;
  private final List<String> forkJvmArgs;

  Jmh(Settings settings, Path logs, List<String> forkJvmArgs) {
    this.settings = settings;
    this.logs = logs;
    this.forkJvmArgs = List.copyOf(forkJvmArgs);
  }

  Settings settings() {
    return settings;
  }

  /**
   * Runs {@code benchmark} ({@code class.method}); with {@code jfc} set, also records a Flight
   * Recorder file with that configuration during the measurement.
   */
  Measurement run(
      String benchmark,
      String payload,
      int threads,
      List<String> extraJvmArgs,
      Path jfc,
      ServerProbe server) {
    String id =
        benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1)
            + "-"
            + payload
            + "-t"
            + threads
            + (extraJvmArgs.isEmpty() ? "" : "-" + Integer.toHexString(extraJvmArgs.hashCode()))
            + (jfc == null ? "" : "-jfr");
    List<String> jvmArgs = new ArrayList<>(forkJvmArgs);
    jvmArgs.addAll(extraJvmArgs);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark) + "$")
            .param("payload", payload)
            .threads(threads)
            .forks(1)
            .warmupIterations(settings.warmupIterations())
            .warmupTime(TimeValue.seconds(settings.seconds()))
            .measurementIterations(settings.measurementIterations())
            .measurementTime(TimeValue.seconds(settings.seconds()))
            .jvmArgs(jvmArgs.toArray(new String[0]))
            .shouldFailOnError(true)
            .output(logs.resolve(id + ".log").toString());
    Path jfrDir = logs.resolve(id + "-jfr");
    if (jfc != null) {
      // Added first, so that starting and dumping the recording fall outside the CPU window:
      // JMH starts profilers in order and stops them in reverse.
      options.addProfiler(
          JavaFlightRecorderProfiler.class,
          "dir=" + jfrDir + ";configName=" + jfc + ";stackDepth=128");
    }
    options.addProfiler(GCProfiler.class).addProfiler(CpuTimeProfiler.class);
    long waited = ForeignLoad.awaitQuiet();
    if (waited > 0) {
      System.out.printf("[bench] waited %d s for the machine to be quiet%n", waited);
    }
    System.out.printf("[bench] %-60s ", id);
    System.out.flush();
    if (server != null) {
      server.reset();
    }
    long cpuBefore = server == null ? 0 : server.cpuNanos();
    ForeignLoad load = ForeignLoad.start();
    try {
      Collection<RunResult> results = new Runner(options.build()).run();
      double foreign = load.stop();
      ServerProbe.Stats stats = server == null ? new ServerProbe.Stats(0, 0) : server.reset();
      long serverCpu = server == null ? 0 : server.cpuNanos() - cpuBefore;
      RunResult r = results.iterator().next();
      Result<?> primary = r.getPrimaryResult();
      Measurement m =
          new Measurement(
              primary.getScore(),
              primary.getScoreError(),
              score(r, "gc.alloc.rate.norm"),
              score(r, CpuTimeProfiler.RESULT),
              stats.requests(),
              stats.connections(),
              stats.requests() == 0 ? Double.NaN : serverCpu / 1000.0 / stats.requests(),
              foreign,
              jfc == null ? null : findJfr(jfrDir),
              null);
      System.out.printf(
          "%,12.1f %s  (other load %.0f%%)%n", m.score(), primary.getScoreUnit(), foreign * 100);
      return m;
    } catch (RunnerException | RuntimeException e) {
      load.stop();
      if (server != null) {
        server.reset();
      }
      System.out.println("FAILED (" + logs.resolve(id + ".log") + ")");
      return new Measurement(
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          0,
          0,
          Double.NaN,
          Double.NaN,
          null,
          "failed: "
              + cause(logs.resolve(id + ".log"), e)
              + " (log: target/bench/jmh/"
              + id
              + ".log)");
    }
  }

  private static double score(RunResult run, String name) {
    Result<?> r = run.getSecondaryResults().get(name);
    return r == null ? Double.NaN : r.getScore();
  }

  private static Path findJfr(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jfr"))
          .findFirst()
          .orElse(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The first exception the fork logged, or else the runner's own. */
  private static String cause(Path log, Throwable e) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines
          .map(String::trim)
          .filter(l -> l.matches("[\\w.$]+(Exception|Error): .*"))
          .findFirst()
          .orElseGet(() -> firstLine(e));
    } catch (java.io.IOException | java.io.UncheckedIOException ex) {
      return firstLine(e);
    }
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int nl = message.indexOf('\n');
    return root.getClass().getSimpleName() + ": " + (nl < 0 ? message : message.substring(0, nl));
  }
}
