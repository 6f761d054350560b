package dev.zuoraclient.callouts.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' install as they get it: the tar.gz unpacked, and {@code bin/zuora-callout-resend}
 * run by {@code sh} with the Java runtime running this test (so 17 and 25 in CI), against the
 * embedded simulator or a simulator of the test's own.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DistributionIT {
  static final String VERSION = System.getProperty("project.version");
  static final String NAME = "zuora-callout-resend-" + VERSION;
  static final Path TAR = Artifacts.BUILD.resolve(NAME + ".tar.gz");
  static final Path ZIP = Artifacts.BUILD.resolve(NAME + ".zip");
  static final String JAVA_HOME = System.getProperty("java.home");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path unpacked;
  static Path home;
  static Path launcher;

  @TempDir Path dir;

  @BeforeAll
  static void unpack() throws Exception {
    Ran tar =
        run(List.of("tar", "-xzf", TAR.toString(), "-C", unpacked.toString()), Map.of(), unpacked);
    assertThat(tar.exitCode()).as(tar.err()).isZero();
    home = unpacked.resolve(NAME);
    launcher = home.resolve("bin/zuora-callout-resend");
  }

  @Test
  void theTarAndTheZip_holdTheSameFiles_theLaunchersTheJarTheDocsAndTheNotices() throws Exception {
    Set<String> inTar = new TreeSet<>();
    try (Stream<Path> files = Files.walk(home)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> inTar.add(NAME + "/" + home.relativize(f).toString().replace('\\', '/')));
    }
    Set<String> inZip = new TreeSet<>();
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      zip.stream().filter(e -> !e.isDirectory()).forEach(e -> inZip.add(e.getName()));
    }

    assertThat(inZip).isEqualTo(inTar);
    assertThat(inTar)
        .contains(
            NAME + "/bin/zuora-callout-resend",
            NAME + "/bin/zuora-callout-resend.bat",
            NAME + "/lib/zuora-callout-resend-cli.jar",
            NAME + "/man/man1/zuora-callout-resend.1",
            NAME + "/completion/zuora-callout-resend.bash",
            NAME + "/LICENSE",
            NAME + "/THIRD-PARTY-NOTICES.txt",
            NAME + "/licenses/jackson-core/META-INF/NOTICE");
    assertThat(Files.getPosixFilePermissions(launcher)).contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(Files.readString(launcher)).contains("tool_version='" + VERSION + "'");
  }

  @Test
  void theLauncher_runsTheTool_andItsExitStatusIsTheTools() throws Exception {
    Ran partial = launch(Map.of(), "resend", "a1", "unknown-1");
    Ran version = launch(Map.of(), "--version");
    Ran usage = launch(Map.of(), "resend", "--batch-size", "0", "a1");

    assertThat(partial.exitCode()).as(partial.err()).isEqualTo(3);
    assertThat(partial.out())
        .contains("Accepted 1 of 2 callout notifications: 1 failed")
        .contains("Server: embedded simulator at http://127.0.0.1:");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out().strip()).isEqualTo("zuora-callout-resend " + VERSION);
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("error:").contains("--batch-size");
  }

  @Test
  void javaOpts_reachTheJvm_afterTheLaunchersOwnOptions() throws Exception {
    Ran narrow =
        launch(Map.of("JAVA_OPTS", "-Dpicocli.usage.width=55 -Dunused=1"), "resend", "--help");
    Ran tooSmall = launch(Map.of("JAVA_OPTS", "-Xmx1m"), "--version");

    assertThat(narrow.exitCode()).as(narrow.err()).isZero();
    // picocli wraps the help at the width the JVM was given
    assertThat(narrow.out().lines().findFirst().orElseThrow())
        .isEqualTo("Resends Zuora callout notifications by callout history");
    assertThat(tooSmall.exitCode()).as("a heap the JVM refuses: JAVA_OPTS was used").isNotZero();
  }

  @Test
  void javaHome_isPreferredOverPath_andPathIsUsedWithoutIt() throws Exception {
    Path fakeBin = dir.resolve("fake/bin");
    Path args = dir.resolve("java-args.txt");
    fakeJava(fakeBin.resolve("java"), args);
    String path = fakeBin + File.pathSeparator + System.getenv("PATH");

    Ran withJavaHome = launch(Map.of("PATH", path, "JAVA_HOME", JAVA_HOME), "--version");
    Ran withoutJavaHome =
        launch(
            Map.of("PATH", path, "JAVA_HOME", "", "JAVA_OPTS", "-Dfrom=opts"),
            "resend",
            "a b",
            "c");

    assertThat(withJavaHome.exitCode()).as(withJavaHome.err()).isZero();
    assertThat(withJavaHome.out()).contains(VERSION);
    assertThat(withoutJavaHome.exitCode()).as("the fake java on PATH ran").isEqualTo(42);
    List<String> seen = Files.readAllLines(args);
    assertThat(seen)
        .containsSubsequence(
            "-XX:TieredStopAtLevel=1",
            "-Dfrom=opts",
            "-jar",
            home.resolve("lib/zuora-callout-resend-cli.jar").toRealPath().toString(),
            "resend",
            "a b",
            "c");
  }

  @Test
  void aJavaHomeWithoutJava_isRefusedWithAMessage() throws Exception {
    Ran ran = launch(Map.of("JAVA_HOME", dir.toString()), "--version");

    assertThat(ran.exitCode()).isEqualTo(1);
    assertThat(ran.err()).contains("JAVA_HOME is set to '" + dir + "'").contains("Java 17");
  }

  @Test
  void anOlderJava_isRefusedWithAMessage_beforeItRuns() throws Exception {
    Path oldHome = dir.resolve("java-11");
    Path args = dir.resolve("old-java-args.txt");
    fakeJava(oldHome.resolve("bin/java"), args);
    Files.writeString(
        oldHome.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");

    Ran ran = launch(Map.of("JAVA_HOME", oldHome.toString()), "--version");

    assertThat(ran.exitCode()).isEqualTo(1);
    assertThat(ran.err())
        .contains("needs Java 17 or newer")
        .contains(oldHome.resolve("bin/java") + " is Java 11.0.2");
    assertThat(args).as("the old java was never started").doesNotExist();

    Files.writeString(oldHome.resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");
    assertThat(launch(Map.of("JAVA_HOME", oldHome.toString()), "--version").err())
        .contains("is Java 1.8.0_402");
    Files.writeString(oldHome.resolve("release"), "JAVA_VERSION=\"21.0.1\"\n");
    assertThat(launch(Map.of("JAVA_HOME", oldHome.toString()), "--version").exitCode())
        .as("a Java 21 passes the check and runs")
        .isEqualTo(42);
  }

  /**
   * The first run writes the class data sharing archive under a temporary name, the second checks
   * it and uses it; {@code -Xshare:on} (which fails a JVM that cannot map its archive) proves the
   * third maps it. No run prints a word about it.
   */
  @Test
  void aSecondRun_usesTheArchiveTheFirstWrote() throws Exception {
    Path cache = dir.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    Path archives = cache.resolve("zuora-callout-resend");

    Ran first = launch(env, "resend", "a1", "unknown-1");
    List<String> afterFirst = names(archives);
    Ran second = launch(env, "resend", "a1", "unknown-1");
    List<String> afterSecond = names(archives);
    Map<String, String> shareOn = new HashMap<>(env);
    shareOn.put("JAVA_OPTS", "-Xshare:on");
    Ran third = launch(shareOn, "resend", "a1", "unknown-1");

    assertThat(first.exitCode()).as(first.err()).isEqualTo(3);
    assertThat(afterFirst).singleElement().asString().startsWith(VERSION + "-").endsWith(".tmp");
    assertThat(second.exitCode()).as(second.err()).isEqualTo(3);
    assertThat(afterSecond).singleElement().asString().startsWith(VERSION + "-").endsWith(".jsa");
    assertThat(third.exitCode()).as(third.err()).isEqualTo(3);
    for (Ran ran : List.of(first, second, third)) {
      assertThat(ran.err() + ran.out())
          .doesNotContainIgnoringCase("cds")
          .doesNotContainIgnoringCase("shared")
          .doesNotContainIgnoringCase("warning");
    }
  }

  @Test
  void anArchiveThatCannotBeWritten_orNoCacheAtAll_stillRuns() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Ran unwritable =
        launch(Map.of("XDG_CACHE_HOME", file.resolve("cache").toString()), "--version");
    Ran noCache = launch(Map.of("HOME", ""), "resend", "a1");
    Ran off =
        launch(
            Map.of(
                "XDG_CACHE_HOME", dir.resolve("off").toString(), "ZUORA_CALLOUT_RESEND_CDS", "off"),
            "--version");

    assertThat(unwritable.exitCode()).as(unwritable.err()).isZero();
    assertThat(unwritable.err()).isEmpty();
    assertThat(noCache.exitCode()).as(noCache.err()).isZero();
    assertThat(off.exitCode()).isZero();
    assertThat(dir.resolve("off")).doesNotExist();
  }

  /**
   * A run killed while writing its archive leaves a truncated one, on which JDK 17 crashes: the
   * next run drops it and writes a new one; an archive that is not one is skipped in silence.
   */
  @Test
  void aDamagedArchive_neverBreaksARun() throws Exception {
    Path cache = dir.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    Path archives = cache.resolve("zuora-callout-resend");
    assertThat(launch(env, "--version").exitCode()).isZero();
    Path written = archives.resolve(names(archives).get(0));
    byte[] whole = Files.readAllBytes(written);
    Files.delete(written);
    // as a run killed while writing would leave it, under the ID of a process that has ended
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Path truncated =
        archives.resolve(
            written
                .getFileName()
                .toString()
                .replaceAll("\\.\\d+\\.tmp$", "." + ended.pid() + ".tmp"));
    Files.write(truncated, Arrays.copyOf(whole, 8192));

    Ran afterTruncated = launch(env, "resend", "a1", "unknown-1");
    List<String> left = names(archives);
    Path jsa = archives.resolve(left.get(0).replaceAll("\\.\\d+\\.tmp$", ".jsa"));
    Files.write(jsa, new byte[100_000]);
    Ran withGarbage = launch(env, "resend", "a1", "unknown-1", "-o", "json");

    assertThat(afterTruncated.exitCode()).as(afterTruncated.err()).isEqualTo(3);
    assertThat(left)
        .as("the truncated one dropped, a new one written")
        .singleElement()
        .asString()
        .endsWith(".tmp")
        .isNotEqualTo(truncated.getFileName().toString());
    assertThat(withGarbage.exitCode()).as(withGarbage.err()).isEqualTo(3);
    assertThat(JSON.readTree(withGarbage.out()).get("accepted").asInt()).isEqualTo(1);
    assertThat(afterTruncated.err() + withGarbage.err())
        .doesNotContainIgnoringCase("cds")
        .doesNotContainIgnoringCase("warning")
        .doesNotContain("fatal error");
  }

  /** Ctrl-C reaches the JVM (the launcher execs it), which stops the run with its report. */
  @Test
  void sigint_stopsTheRunWithItsReport_andExit130() throws Exception {
    List<String> ids = IntStream.range(0, 40).mapToObj(i -> "id-" + i).toList();
    Path idsFile = Files.write(dir.resolve("ids.txt"), ids, StandardCharsets.UTF_8);
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().acceptToken("t").latency(Duration.ofMillis(500)).start()) {
      ProcessBuilder pb =
          launcherProcess(
              Map.of("ZUORA_ACCESS_TOKEN", "t", "XDG_CACHE_HOME", dir.resolve("c").toString()),
              "resend",
              "--base-url",
              zuora.baseUri().toString(),
              "--ids-file",
              idsFile.toString(),
              "--batch-size",
              "1",
              "--output",
              "json");
      Path out = dir.resolve("out.json");
      Path err = dir.resolve("err.txt");
      Process run = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (zuora.requests().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(run.exitValue()).as(Files.readString(err)).isEqualTo(130);
      JsonNode report = JSON.readTree(out.toFile());
      assertThat(report.get("unresolved").size()).isPositive();
      assertThat(Files.readString(err)).contains("Stopping: no new batch starts");
    }
  }

  @Test
  void theWindowsLauncher_usesTheSameJar_javaHome_javaOpts_andKeepsTheExitStatus()
      throws Exception {
    byte[] bytes = Files.readAllBytes(home.resolve("bin/zuora-callout-resend.bat"));
    String bat = new String(bytes, StandardCharsets.UTF_8);

    assertThat(bat.split("\r\n", -1)).hasSizeGreaterThan(10);
    assertThat(bat.replace("\r\n", "")).doesNotContain("\n");
    assertThat(bat)
        .contains("%~dp0..")
        .contains("\\lib\\zuora-callout-resend-cli.jar")
        .contains("%JAVA_HOME%\\bin\\java.exe")
        .contains("%JAVA_OPTS% -jar \"%JAR%\" %*")
        .contains("exit /b %ERRORLEVEL%");
  }

  /** Every component the command-line jar bundles is named in the notices it carries. */
  @Test
  void theNotices_nameEveryBundledComponent() throws Exception {
    String notices = Files.readString(home.resolve("THIRD-PARTY-NOTICES.txt"));
    List<String> bundled =
        Files.readAllLines(Artifacts.BUILD.resolve("runtime-dependencies.txt")).stream()
            .map(String::strip)
            .filter(l -> l.contains(".jar") && !l.startsWith("io.micrometer:"))
            .map(l -> l.substring(0, l.indexOf(':', l.indexOf(':') + 1)))
            .collect(Collectors.toList());

    assertThat(bundled).contains("info.picocli:picocli", "com.fasterxml.jackson.core:jackson-core");
    assertThat(notices).contains(bundled);
    try (ZipFile jar = new ZipFile(home.resolve("lib/zuora-callout-resend-cli.jar").toFile())) {
      assertThat(
              new String(
                  jar.getInputStream(jar.getEntry("META-INF/THIRD-PARTY-NOTICES.txt"))
                      .readAllBytes(),
                  StandardCharsets.UTF_8))
          .isEqualTo(notices);
      assertThat(jar.getEntry("META-INF/LICENSE")).isNotNull();
    }
  }

  /** The man page and the completion describe the real command: every option of resend. */
  @Test
  void theManPageAndTheCompletion_coverEveryOption() throws Exception {
    String man = Files.readString(home.resolve("man/man1/zuora-callout-resend.1"));
    Path completion = home.resolve("completion/zuora-callout-resend.bash");
    Ran help = launch(Map.of(), "resend", "--help");
    List<String> options = new ArrayList<>();
    for (String word : help.out().split("[\\s,=\\[\\]]+")) {
      if (word.startsWith("--") && word.length() > 2) {
        options.add(word.replaceAll("[.:;)]+$", ""));
      }
    }

    assertThat(options).contains("--ids-file", "--journal", "--output");
    assertThat(man).startsWith(".\\\"").contains(".TH \"ZUORA\\-CALLOUT\\-RESEND\" \"1\"");
    assertThat(man).contains(".SH \"SYNOPSIS\"", ".SH \"OPTIONS\"", ".SH \"EXIT STATUS\"");
    for (String option : options) {
      assertThat(man).as(option).contains("\\fB" + option.replace("-", "\\-") + "\\fR");
    }
    assertThat(man).doesNotContain("java \\-jar");
    String script = Files.readString(completion);
    assertThat(script).contains("complete -F", "--ids-file", "--journal");
    Ran syntax = run(List.of("bash", "-n", completion.toString()), Map.of(), dir);
    assertThat(syntax.exitCode()).as(syntax.err()).isZero();
  }

  // --- running things

  record Ran(int exitCode, String out, String err) {}

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void fakeJava(Path java, Path argsFile) throws IOException {
    Files.createDirectories(java.getParent());
    Files.writeString(
        java,
        "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '"
            + argsFile
            + "'\nexit 42\n");
    java.toFile().setExecutable(true);
  }

  private ProcessBuilder launcherProcess(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> e = pb.environment();
    // No credentials (as on CI's machine), no options of the caller's, and a cache of the test's.
    e.keySet().removeIf(name -> name.startsWith("ZUORA_") || name.equals("JAVA_OPTS"));
    e.put("JAVA_HOME", JAVA_HOME);
    e.put("HOME", dir.toString());
    e.remove("XDG_CACHE_HOME");
    // An empty value unsets the variable.
    env.forEach(
        (k, v) -> {
          if (v.isEmpty()) {
            e.remove(k);
          } else {
            e.put(k, v);
          }
        });
    return pb;
  }

  private Ran launch(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = launcherProcess(env, args);
    return run(pb, dir);
  }

  private static Ran run(List<String> command, Map<String, String> env, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    return run(pb, dir);
  }

  private static Ran run(ProcessBuilder pb, Path dir) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished: %s", pb.command()).isTrue();
    Ran ran = new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return ran;
  }
}
