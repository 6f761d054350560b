package dev.zuoraclient.callouts.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/** The packaged artifacts, as failsafe's properties name them, and tools to use them as a user. */
final class Artifacts {
  static final Path LIBRARY = Path.of(System.getProperty("library.jar"));
  static final Path SIMULATOR = Path.of(System.getProperty("simulator.jar"));
  static final Path CLI = Path.of(System.getProperty("cli.jar"));
  static final Path BUILD = Path.of(System.getProperty("build.directory"));

  private Artifacts() {}

  /** The library's required runtime dependencies: what its users get, without optional ones. */
  static List<Path> requiredDependencies() {
    try {
      List<Path> jars = new ArrayList<>();
      for (String line : Files.readAllLines(BUILD.resolve("runtime-dependencies.txt"))) {
        String l = line.strip();
        if (l.contains(".jar") && !l.contains("(optional)")) {
          int start = l.indexOf(":/");
          jars.add(Path.of(l.substring(start + 1, l.indexOf(".jar") + 4)));
        }
      }
      assertThat(jars).as("runtime dependencies").isNotEmpty();
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String path(List<Path> entries) {
    List<String> s = new ArrayList<>();
    entries.forEach(p -> s.add(p.toString()));
    return String.join(File.pathSeparator, s);
  }

  /** Runs javac; returns its diagnostics, and whether it succeeded. */
  static Compiled javac(List<String> args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(null, OutputStream.nullOutputStream(), err, args.toArray(String[]::new));
    return new Compiled(rc == 0, err.toString(StandardCharsets.UTF_8));
  }

  record Compiled(boolean ok, String diagnostics) {}

  record Ran(int exitCode, String out) {}

  /**
   * Runs {@code java} with these arguments; standard output and error together. The process gets no
   * {@code ZUORA_*} variable, as on a machine without Zuora credentials (CI's): with one, the
   * command would refuse to run against its embedded simulator without {@code --simulator}.
   */
  static Ran java(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(name -> name.startsWith("ZUORA_"));
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("java finished").isTrue();
    return new Ran(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
