package dev.zuoraclient.callouts.bench;

import static dev.zuoraclient.callouts.bench.BenchmarkSuite.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Section 6: what the library puts on its users' class path, and the CLI jar. */
final class FootprintSection {
  /** One line of {@code target/runtime-dependencies.txt}. */
  record Dependency(String coordinates, String scope, Path file, boolean optional) {}

  private final BenchmarkSuite suite;

  FootprintSection(BenchmarkSuite suite) {
    this.suite = suite;
  }

  String run() throws IOException {
    Path target = suite.target();
    List<Dependency> deps = read(target.resolve("runtime-dependencies.txt"));
    Properties pom = new Properties();
    try (InputStream in =
        Files.newInputStream(target.resolve("maven-archiver").resolve("pom.properties"))) {
      pom.load(in);
    }
    String artifact = pom.getProperty("artifactId") + "-" + pom.getProperty("version") + ".jar";
    Path libraryJar = target.resolve(artifact);
    Path cliJar = target.resolve("zuora-callout-resend-cli.jar");

    StringBuilder md = new StringBuilder();
    md.append("## 7. Footprint\n\n")
        .append("What a project depending on the library gets at run time: the library jar and ")
        .append("its non-optional compile and runtime dependencies, from ")
        .append("`target/runtime-dependencies.txt` (the `maven-dependency-plugin` list that ")
        .append("`RuntimeDependenciesTest` checks against ")
        .append("`src/test/resources/runtime-dependencies.allow` in every `mvn verify`).\n\n")
        .append("| artifact | version | size |\n|---|---|--:|\n");
    long libSize = size(libraryJar);
    long total = libSize;
    md.append("| `dev.zuoraclient:zuora-callout-resend` (the library) | ")
        .append(pom.getProperty("version"))
        .append(" | ")
        .append(kb(libSize))
        .append(" |\n");
    long depsTotal = 0;
    List<Dependency> optional = new ArrayList<>();
    for (Dependency d : deps) {
      if (d.optional()) {
        optional.add(d);
        continue;
      }
      String[] parts = d.coordinates().split(":");
      long s = size(d.file());
      depsTotal += s;
      md.append("| `")
          .append(parts[0])
          .append(':')
          .append(parts[1])
          .append("` | ")
          .append(parts[3])
          .append(" | ")
          .append(kb(s))
          .append(" |\n");
    }
    total += depsTotal;
    md.append("| **total** | | **")
        .append(kb(total))
        .append("** |\n\nDependencies alone: ")
        .append(deps.size() - optional.size())
        .append(" jars, ")
        .append(kb(depsTotal))
        .append(".");
    for (Dependency d : optional) {
      md.append(" Not included: `")
          .append(d.coordinates().split(":")[0])
          .append(':')
          .append(d.coordinates().split(":")[1])
          .append("` (")
          .append(kb(size(d.file())))
          .append("), optional, ")
          .append(
              d.coordinates().startsWith("io.micrometer:")
                  ? "only for an application that asks for metrics and traces."
                  : "used only by the command-line tool.");
    }
    md.append("\n\n| command-line tool | size |\n|---|--:|\n")
        .append("| `target/zuora-callout-resend-cli.jar` (library, dependencies and picocli ")
        .append("shaded into one jar) | ")
        .append(Files.isRegularFile(cliJar) ? kb(size(cliJar)) : "not built")
        .append(" |\n\n");
    suite.headline(
        "Footprint: the library and its runtime dependencies are "
            + (deps.size() - optional.size() + 1)
            + " jars, "
            + kb(total)
            + "; the self-contained CLI jar is "
            + (Files.isRegularFile(cliJar) ? kb(size(cliJar)) : "not built")
            + " (section 7).");
    return md.toString();
  }

  static List<Dependency> read(Path list) throws IOException {
    List<Dependency> deps = new ArrayList<>();
    for (String raw : Files.readAllLines(list)) {
      String line = raw.trim();
      int module = line.indexOf(" -- module");
      if (module >= 0) {
        line = line.substring(0, module).trim();
      }
      boolean optional = line.endsWith("(optional)");
      if (optional) {
        line = line.substring(0, line.length() - "(optional)".length()).trim();
      }
      String[] parts = line.split(":", 6);
      if (parts.length < 6) {
        continue; // the header line, blank lines
      }
      deps.add(
          new Dependency(
              String.join(":", parts[0], parts[1], parts[2], parts[3]),
              parts[4],
              Path.of(parts[5]),
              optional));
    }
    return deps;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
