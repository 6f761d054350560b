package dev.zuoraclient.callouts.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A helper JVM on this class path: its standard output is read line by line, its standard error
 * goes to a log file, and closing it closes its standard input (which the servers here wait on)
 * before ending it.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(Path errorLog, List<String> jvmArgs, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      return new ChildJvm(
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile()))
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + main.getName(), e);
    }
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The value of the next output line of the form {@code key=value}. */
  String await(String key, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new IllegalStateException(
              "no '" + key + "=' line within " + timeout + "; output so far: " + all);
        }
        all.add(line);
        if (line.startsWith(key + "=")) {
          return line.substring(key.length() + 1);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every {@code key=value} line until the process exits, which must be with status 0. */
  List<String[]> finish(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("did not finish within " + timeout);
      }
      Thread.sleep(50); // let the reader drain
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    List<String[]> pairs = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    lines.drainTo(rest);
    all.addAll(rest);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("exited with " + process.exitValue() + "; output: " + all);
    }
    for (String line : all) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        pairs.add(new String[] {line.substring(0, eq), line.substring(eq + 1)});
      }
    }
    return pairs;
  }

  /** CPU time the process has used so far. */
  Duration cpuTime() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }
}
