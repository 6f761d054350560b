package dev.zuoraclient.callouts.bench;

import static dev.zuoraclient.callouts.bench.BenchmarkSuite.median;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.num;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Section 5: how long a whole process takes, from start to exit, for one resend. */
final class ColdStartSection {
  private static final int RUNS = 5;
  private static final List<String> IDS =
      List.of(Payloads.id(1), Payloads.id(2), "unknown-callout-1", "unknown-callout-2");

  /**
   * A program under test: its arguments to {@code java} and the exit status that means it worked.
   */
  record Program(String label, List<String> command, int expectedExit, boolean viaJava) {
    Program(String label, List<String> command, int expectedExit) {
      this(label, command, expectedExit, true);
    }
  }

  private final BenchmarkSuite suite;

  ColdStartSection(BenchmarkSuite suite) {
    this.suite = suite;
  }

  String run() {
    String java = ChildJvm.javaExecutable();
    Path cliJar = suite.target().resolve("zuora-callout-resend-cli.jar");
    String classes = suite.target().resolve("test-classes").toString();
    List<Program> programs = new ArrayList<>();
    boolean cli = hasCliMain(cliJar);
    if (cli) {
      List<String> command = new ArrayList<>(List.of("-jar", cliJar.toString(), "resend"));
      command.addAll(IDS);
      programs.add(
          new Program(
              "`java -jar target/zuora-callout-resend-cli.jar resend` + 4 IDs (embedded simulator)",
              command,
              3));
      programs.addAll(DistributionLauncher.programs(suite, IDS));
    }
    List<String> plain = new ArrayList<>(List.of("-cp", classes, PlainPost.class.getName()));
    plain.addAll(IDS);
    Program plainHttpClient =
        new Program(
            "plain JDK program: local `HttpServer` + one `HttpClient` POST of 4 IDs", plain, 0);
    programs.add(plainHttpClient);
    List<String> plainStopped =
        new ArrayList<>(List.of("-cp", classes, PlainPost.class.getName(), "--stop-client"));
    plainStopped.addAll(IDS);
    programs.add(
        new Program(
            "the same, stopping its `HttpClient`'s thread before it exits (as `close()` does)",
            plainStopped,
            0));
    List<String> plainUrl =
        new ArrayList<>(List.of("-cp", classes, PlainPost.class.getName(), "--url-connection"));
    plainUrl.addAll(IDS);
    Program plainUrlConnection =
        new Program(
            "the plain program with `HttpURLConnection` instead of `HttpClient` (no thread to"
                + " stop)",
            plainUrl,
            0);
    programs.add(plainUrlConnection);
    programs.add(
        new Program(
            "empty `main` (the JVM's own start and exit)",
            List.of("-cp", classes, EmptyMain.class.getName()),
            0));

    Path log = suite.work().resolve("cold-start.log");
    Map<Program, List<Double>> times = new LinkedHashMap<>();
    Map<Program, Long> classCounts = new LinkedHashMap<>();
    programs.forEach(p -> times.put(p, new ArrayList<>()));
    System.out.println("[bench] cold start");
    for (int round = 0; round <= RUNS; round++) {
      for (Program p : programs) {
        double ms = time(java, p, List.of(), log);
        if (round > 0) { // round 0 warms the file cache (and writes the kept archive)
          times.get(p).add(ms);
        }
      }
    }
    // After the timed runs, so that the launcher's kept archive exists when its classes are counted
    for (Program p : programs) {
      classCounts.put(p, loadedClasses(java, p, log));
    }

    StringBuilder md = new StringBuilder();
    md.append("## 6. Cold start\n\n")
        .append("Each program is a new process, timed by the harness from start to exit; ")
        .append("median of ")
        .append(RUNS)
        .append(" runs after one untimed run each (the runs take turns). The command-line tool ")
        .append("in its default mode starts the embedded Zuora simulator, resends 4 IDs (2 ")
        .append("resent, 2 unknown: exit status 3) and prints its report; the plain programs ")
        .append("do the same work by hand with JDK classes only. `classes` is how many classes ")
        .append("the JVM loaded (one more run with `-Xlog:class+load`).\n\n")
        .append("| program | median | min | max | classes |\n|---|--:|--:|--:|--:|\n");
    for (Map.Entry<Program, List<Double>> e : times.entrySet()) {
      List<Double> t = e.getValue();
      md.append("| ")
          .append(e.getKey().label())
          .append(" | ")
          .append(num(median(t), 0))
          .append(" ms | ")
          .append(num(t.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN), 0))
          .append(" ms | ")
          .append(num(t.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), 0))
          .append(" ms | ")
          .append(String.format(Locale.ROOT, "%,d", classCounts.get(e.getKey())))
          .append(" |\n");
    }
    if (!cli) {
      md.append("\nThe command-line tool was not measured: `target/zuora-callout-resend-cli.jar` ")
          .append("has no main class in this build.\n");
    } else {
      Program tool = programs.get(0);
      Program floor = programs.get(programs.size() - 1);
      md.append("\nAbove an empty JVM, the tool takes ")
          .append(num(median(times.get(tool)) - median(times.get(floor)), 0))
          .append(" ms and loads ")
          .append(String.format(Locale.ROOT, "%,d", classCounts.get(tool) - classCounts.get(floor)))
          .append(" more classes; the plain `HttpClient` program ")
          .append(num(median(times.get(plainHttpClient)) - median(times.get(floor)), 0))
          .append(" ms, the plain `HttpURLConnection` one ")
          .append(num(median(times.get(plainUrlConnection)) - median(times.get(floor)), 0))
          .append(" ms.\n");
      md.append(DistributionLauncher.note(times, plainHttpClient));
      md.append(
          "\nA JVM that exits while a thread is blocked in native code waits at least 300 ms for"
              + " it, and an `HttpClient`'s selector thread is one until its client is stopped:"
              + " the plain `HttpClient` program as most are written pays that at every exit, and"
              + " the one that stops its client does not. The tool's clients are stopped by their"
              + " `close()` before it exits (on Java 17, whose `HttpClient` has no `shutdown()`, by"
              + " ending that thread).\n");
      suite.headline(
          "Cold start of the command-line tool (one resend, embedded simulator): "
              + num(median(times.get(tool)), 0)
              + " ms median, against "
              + num(median(times.get(plainHttpClient)), 0)
              + " ms for a plain `HttpClient` program doing the same, "
              + num(median(times.get(plainUrlConnection)), 0)
              + " ms for a plain `HttpURLConnection` one and "
              + num(median(times.get(floor)), 0)
              + " ms for an empty JVM (section 6).");
    }
    return md.append('\n').toString();
  }

  /**
   * The operators' launcher ({@code bin/zuora-callout-resend} from the tar.gz, src/dist), unpacked
   * once: on its first run (the class data sharing archive deleted before each) and with the
   * archive an earlier run wrote. A shell program, not a {@code java} command.
   */
  static final class DistributionLauncher {
    private DistributionLauncher() {}

    static List<Program> programs(BenchmarkSuite suite, List<String> ids) {
      Path tar = null;
      try (Stream<Path> files = Files.list(suite.target())) {
        tar = files.filter(f -> f.toString().endsWith(".tar.gz")).findFirst().orElse(null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (tar == null) {
        return List.of();
      }
      Path dir = suite.work().resolve("dist");
      try {
        Files.createDirectories(dir);
        Process untar =
            new ProcessBuilder("tar", "-xzf", tar.toString(), "-C", dir.toString())
                .inheritIO()
                .start();
        if (untar.waitFor() != 0) {
          throw new IllegalStateException("cannot unpack " + tar);
        }
        Path home;
        try (Stream<Path> unpacked = Files.list(dir)) {
          home = unpacked.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String launcher = home.resolve("bin/zuora-callout-resend").toString();
        String first = dir.resolve("cache-first").toString();
        String kept = dir.resolve("cache-kept").toString();
        List<String> firstRun =
            new ArrayList<>(
                List.of(
                    "sh",
                    "-c",
                    "rm -rf \"$0\" && XDG_CACHE_HOME=\"$0\" exec sh " + launcher + " resend \"$@\"",
                    first));
        firstRun.addAll(ids);
        List<String> withArchive =
            new ArrayList<>(
                List.of(
                    "sh",
                    "-c",
                    "XDG_CACHE_HOME=\"$0\" exec sh " + launcher + " resend \"$@\"",
                    kept));
        withArchive.addAll(ids);
        return List.of(
            new Program(
                "`bin/zuora-callout-resend resend` + 4 IDs, first run (writes its archive)",
                firstRun,
                3,
                false),
            new Program(
                "`bin/zuora-callout-resend resend` + 4 IDs, with the archive of an earlier run",
                withArchive,
                3,
                false));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** How the launcher with its archive compares with the plain {@code HttpClient} program. */
    static String note(Map<Program, List<Double>> times, Program plainHttpClient) {
      Program first = null;
      Program archived = null;
      for (Program p : times.keySet()) {
        if (!p.viaJava()) {
          if (first == null) {
            first = p;
          } else {
            archived = p;
          }
        }
      }
      if (archived == null) {
        return "";
      }
      double with = median(times.get(archived));
      double plain = median(times.get(plainHttpClient));
      return "\nThe launcher runs the same jar with C1 only (`-XX:TieredStopAtLevel=1`) and a class"
          + " data sharing archive; its first run also writes the archive ("
          + num(median(times.get(first)), 0)
          + " ms). With the archive it takes "
          + num(with, 0)
          + " ms: "
          + (with <= plain
              ? num(plain - with, 0) + " ms less than"
              : num(with - plain, 0) + " ms more than")
          + " the plain `HttpClient` program's "
          + num(plain, 0)
          + " ms.\n";
    }

    /** The harness's Java for the launcher, and its JVM options through JAVA_OPTS. */
    static void environment(ProcessBuilder builder, String java, List<String> jvmArgs) {
      builder.environment().keySet().removeIf(name -> name.startsWith("ZUORA_"));
      builder.environment().put("JAVA_HOME", Path.of(java).getParent().getParent().toString());
      builder.environment().put("JAVA_OPTS", String.join(" ", jvmArgs));
    }
  }

  private static long loadedClasses(String java, Program p, Path log) {
    try {
      Path classLog = Files.createTempFile("class-load", ".log");
      try {
        time(java, p, List.of("-Xlog:class+load=info:file=" + classLog), log);
        try (Stream<String> lines = Files.lines(classLog)) {
          return lines.filter(l -> l.contains("source:")).count();
        }
      } finally {
        Files.deleteIfExists(classLog);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the jar names a main class it holds. */
  private static boolean hasCliMain(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (JarFile zip = new JarFile(jar.toFile())) {
      Manifest manifest = zip.getManifest();
      String main = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
      return main != null && zip.getEntry(main.replace('.', '/') + ".class") != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static double time(String java, Program p, List<String> jvmArgs, Path log) {
    List<String> command = new ArrayList<>();
    if (p.viaJava()) {
      command.add(java);
      command.addAll(jvmArgs);
    }
    command.addAll(p.command());
    ProcessBuilder builder = new ProcessBuilder(command);
    if (!p.viaJava()) {
      DistributionLauncher.environment(builder, java, jvmArgs);
    }
    try {
      long start = System.nanoTime();
      Process process =
          builder
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(p.label() + " did not finish within 2 minutes");
      }
      double ms = (System.nanoTime() - start) / 1e6;
      if (process.exitValue() != p.expectedExit()) {
        throw new IllegalStateException(
            p.label() + " exited with " + process.exitValue() + "; see " + log);
      }
      return ms;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
