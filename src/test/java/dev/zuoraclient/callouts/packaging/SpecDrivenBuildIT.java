package dev.zuoraclient.callouts.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec drives the code: copies of this project with an edited spec are built with Maven, as a
 * team that changes the spec would, and their command line (the library inside it) follows the new
 * rules; a breaking edit fails the build with the gate's words before anything is compiled.
 */
class SpecDrivenBuildIT {
  static final Path PROJECT = Path.of("").toAbsolutePath();
  static final String TRACK_100 = "t".repeat(100);

  @TempDir Path dir;

  @Test
  void aLoosenedSpec_givesBatchesOf2000_andAccepts100CharacterTrackIds() throws Exception {
    Path copy =
        copyWithSpec(
            "loosened",
            spec ->
                edit(
                        edit(
                            edit(spec, "      maxItems: 1000", "      maxItems: 2000"),
                            "        minLength: 1\n        maxLength: 64\n",
                            "        minLength: 1\n        maxLength: 100\n"),
                        // an optional header added, two others swapped: arguments are passed by
                        // name;
                        // a date-time added to the failure object (read as text)
                        "        - $ref: '#/components/parameters/ZuoraEntityIds'\n"
                            + "        - $ref: '#/components/parameters/ZuoraOrgIds'\n",
                        "        - name: X-Zuora-Version\n          in: header\n          required: false\n"
                            + "          schema:\n            type: string\n"
                            + "        - $ref: '#/components/parameters/ZuoraOrgIds'\n"
                            + "        - $ref: '#/components/parameters/ZuoraEntityIds'\n")
                    .replace(
                        "          description: Zuora's error message.\n",
                        "          description: Zuora's error message.\n        at:\n"
                            + "          type: string\n          format: date-time\n"));

    // The unit tests whose expectations come from the spec (batch sizes, the ID count, the track
    // ID's length), run in the copy: they follow its spec. Only these, to keep within CI's time.
    // Every test and benchmark is compiled: none depends on the generated method's parameters,
    // which the new header changes.
    Built built = build(copy, SPEC_FOLLOWING_TESTS);
    assertThat(built.exitCode()).as(built.output()).isZero();
    assertThat(
            copy.resolve("target/test-classes/dev/zuoraclient/callouts/bench/BenchmarkSuite.class"))
        .as("the benchmarks were compiled against the changed spec")
        .isRegularFile();
    assertThat(built.output())
        .containsPattern("Tests run: [1-9][0-9]*, Failures: 0, Errors: 0")
        .contains("BatchResendTest", "ResendCommandOutcomeTest", "HeaderRulesPropertiesTest");

    Artifacts.Ran help = cli(copy, "resend", "--help");
    assertThat(help.out())
        .contains("IDs per request, 1..2000 (default 2000)")
        .contains("up to 100");

    Artifacts.Ran run = cli(copy, "resend", "--track-id", TRACK_100, "--ids-file", ids(2001));
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("Resending 2001 callout notifications in 2 batches");
  }

  @Test
  void aTightenedSpec_withItsMajorVersionRaised_buildsAndIsFollowed() throws Exception {
    Path copy =
        copyWithSpec(
            "tightened",
            spec ->
                edit(
                    edit(
                        edit(
                            edit(spec, "      maxItems: 1000", "      maxItems: 500"),
                            "        minLength: 1\n        maxLength: 64\n        pattern: '^[!#-&",
                            "        minLength: 1\n        maxLength: 20\n        pattern: '^[!#-&"),
                        "      name: Zuora-Track-Id\n      in: header\n      required: false",
                        "      name: Zuora-Track-Id\n      in: header\n      required: true"),
                    "  version: 0.2.0",
                    "  version: 1.0.0"));

    Built tooNew = build(copy);
    assertThat(tooNew.exitCode()).isNotZero();
    assertThat(lastWords(tooNew.output()))
        .startsWith(
            "Spec step: the spec's info.version 1.0.0 (openapi/zuora-callout-resend.yaml) has major"
                + " version 1, above the library's version "
                + System.getProperty("project.version"))
        .contains("Raise the library's major version to at least 1 in pom.xml");

    Path pom = copy.resolve("pom.xml");
    Files.writeString(
        pom,
        edit(
            Files.readString(pom),
            "<version>" + System.getProperty("project.version") + "</version>",
            "<version>1.0.0-SNAPSHOT</version>"));
    Built built = build(copy);
    assertThat(built.exitCode()).as(built.output()).isZero();
    assertThat(built.output())
        .contains("raises the released major version; these breaking changes are intended")
        .contains("maxItems tightened from 1000 to 500")
        .contains("request header Zuora-Track-Id: made required");

    Artifacts.Ran run = cli(copy, "resend", "--track-id", "t1", "--ids-file", ids(1001));
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("Resending 1001 callout notifications in 3 batches");

    Artifacts.Ran untracked = cli(copy, "resend", "a1");
    assertThat(untracked.exitCode()).as(untracked.out()).isNotZero();
    assertThat(untracked.out())
        .contains("the spec makes the Zuora-Track-Id header required")
        .doesNotContain("Accepted");

    Artifacts.Ran refused = cli(copy, "resend", "--track-id", TRACK_100, "a1");
    assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
    assertThat(refused.out())
        .contains("trackId must be at most 20 characters")
        .doesNotContain("Resending");
  }

  @Test
  void aBreakingSpec_failsAtTheGate_inWords_beforeAnythingCompiles() throws Exception {
    Path copy =
        copyWithSpec(
            "breaking",
            spec ->
                edit(
                    edit(
                        edit(
                            edit(
                                spec,
                                "    x-enum-name: EU_PRODUCTION\n",
                                "    x-enum-name: EU_PROD\n"),
                            "      type: http\n      scheme: bearer\n",
                            "      type: apiKey\n      in: header\n      name: apikey\n"),
                        "      name: Idempotency-Key\n      in: header\n      required: false",
                        "      name: Idempotency-Key\n      in: header\n      required: true"),
                    "        code:\n          type: string\n          description: Zuora's error"
                        + " code.",
                    "        code:\n          type: integer\n          description: Zuora's error"
                        + " code."));

    Built built = build(copy);

    assertThat(built.exitCode()).isNotZero();
    assertThat(lastWords(built.output()))
        .startsWith("Spec gate: openapi/zuora-callout-resend.yaml breaks clients of the released")
        .contains(
            "POST /notifications/callout-histories/resend, request header Idempotency-Key: made"
                + " required")
        .contains("property code: type changed from string to integer")
        .contains("x-enum-name changed from EU_PRODUCTION to EU_PROD")
        .contains(
            "POST /notifications/callout-histories/resend, security: changed from http bearer to"
                + " apiKey apikey in header")
        .endsWith(
            "raise the major version of info.version (now 0.2.0) to 1.0.0. See"
                + " docs/contracts-and-spec.md, Changing the spec.");
    assertThat(built.output())
        .doesNotContain("COMPILATION ERROR")
        .doesNotContain("maven-compiler-plugin")
        .doesNotContain("Process exited with an error")
        .doesNotContainPattern("(?m)^\\s+at [a-z]");
  }

  /** The unit tests whose expectations come from the spec's rules; the raised copy runs them. */
  static final String SPEC_FOLLOWING_TESTS =
      "BatchResendTest,ValidationTest,HeaderRulesPropertiesTest,DryRunTest,"
          + "ResendCommandOutcomeTest#manyIds*,ResendCommandValidationTest,"
          + "CalloutResendClientTest#resend_acceptsMaxItemsIds*,"
          + "ZuoraSimulatorTest#resend_withMoreThanMaxItemsIds*";

  /**
   * What a failed build says last, before Maven's own closing lines (the advice to re-run with -e
   * and the link, which Maven prints after every failure): the message of the goal that failed,
   * without Maven's "[ERROR]" prefixes and "Failed to execute goal" preamble.
   */
  static String lastWords(String output) {
    List<String> lines = output.lines().toList();
    int end = lines.size() - 1;
    while (end >= 0 && !lines.get(end).endsWith("-> [Help 1]")) {
      end--;
    }
    assertThat(end).as("Maven's failure line\n" + output).isGreaterThanOrEqualTo(0);
    int start = end;
    while (start > 0 && !lines.get(start).contains("Failed to execute goal")) {
      start--;
    }
    List<String> tail =
        Stream.concat(
                Stream.of(
                    lines
                        .get(start)
                        .replaceFirst(
                            ".*An exception occurred while executing the Java class\\. ", "")),
                lines.subList(start + 1, end + 1).stream())
            .map(
                l ->
                    l.replaceFirst("^\\[ERROR\\] ?", "")
                        .replace(" -> [Help 1]", "")
                        .replace("-> [Help 1]", ""))
            .filter(l -> !l.isBlank())
            .toList();
    assertThat(lines.subList(end + 1, lines.size()))
        .as("after the failure, only Maven's closing advice")
        .allMatch(l -> l.startsWith("[ERROR]") || l.isBlank() || l.startsWith("\u001b"));
    return String.join("\n", tail);
  }

  // ---- a copy of the project, built ----

  interface SpecEdit {
    String apply(String spec);
  }

  private Path copyWithSpec(String name, SpecEdit edit) throws IOException {
    Path copy = dir.resolve(name);
    // LICENSE: the CLI jar and the operators' archives carry it
    for (String top : List.of("pom.xml", "LICENSE", "openapi", "src")) {
      copyTree(PROJECT.resolve(top), copy.resolve(top));
    }
    Path spec = copy.resolve("openapi/zuora-callout-resend.yaml");
    Files.writeString(spec, edit.apply(Files.readString(spec)), StandardCharsets.UTF_8);
    return copy;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    }
  }

  static String edit(String spec, String from, String to) {
    assertThat(spec).as("the spec holds the text to edit").contains(from);
    return spec.replace(from, to);
  }

  record Built(int exitCode, String output) {}

  /** {@code mvn package} in the copy, offline, without tests, javadoc or sources. */
  private static Built build(Path copy) throws IOException, InterruptedException {
    return build(copy, null);
  }

  /**
   * {@code mvn package} in the copy, offline, without javadoc or sources; with the named unit tests
   * only, or none ({@code null}).
   */
  private static Built build(Path copy, String tests) throws IOException, InterruptedException {
    String mvn =
        Path.of(System.getProperty("maven.home"), "bin", isWindows() ? "mvn.cmd" : "mvn")
            .toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                mvn,
                "-B",
                "-o",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"),
                "-Dmaven.javadoc.skip=true",
                "-Dmaven.source.skip=true",
                "package"));
    if (tests == null) {
      // the library and the CLI; the other tests and the benchmarks are this build's business
      command.add("-Dmaven.test.skip=true");
    } else {
      command.add("-Dtest=" + tests);
      // -Dtest overrides both surefire executions' includes: the contract-verification one runs
      // the same few tests again (about 15 s), which is cheaper than a knob in the pom for it
      command.add("-Dsurefire.failIfNoSpecifiedTests=false");
    }
    Path log = copy.resolve("build.log");
    Process p =
        new ProcessBuilder(command)
            .directory(copy.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    p.getOutputStream().close();
    assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("the build finished").isTrue();
    return new Built(p.exitValue(), Files.readString(log));
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win");
  }

  private static Artifacts.Ran cli(Path copy, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("-jar");
    command.add(copy.resolve("target/zuora-callout-resend-cli.jar").toString());
    command.addAll(List.of(args));
    return Artifacts.java(command);
  }

  private String ids(int n) {
    Path file = dir.resolve("ids-" + n + ".txt");
    try {
      Files.write(
          file, IntStream.rangeClosed(1, n).mapToObj(i -> "id-" + i).collect(Collectors.toList()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toString();
  }
}
