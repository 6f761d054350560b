package dev.zuoraclient.callouts.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One artifact per role: what each jar holds, and that each works with only what its users get. */
class BuildArtifactsIT {
  static final String ROOT = "dev/zuoraclient/callouts/";

  @TempDir Path dir;

  static List<String> entries(Path jar) throws IOException {
    try (JarFile f = new JarFile(jar.toFile())) {
      List<String> names = new ArrayList<>();
      f.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
      return names;
    }
  }

  static Manifest manifest(Path jar) throws IOException {
    try (JarFile f = new JarFile(jar.toFile())) {
      return f.getManifest();
    }
  }

  @Test
  void theLibraryJar_holdsTheApiAndItsInternals_only() throws IOException {
    List<String> entries = entries(Artifacts.LIBRARY);

    assertThat(entries)
        .contains(
            "module-info.class",
            ROOT + "CalloutResendClient.class",
            ROOT + "internal/ResendExecutor.class",
            ROOT + "internal/generated/model/ResendFailureBody.class")
        .noneMatch(e -> e.startsWith(ROOT + "simulator/") || e.startsWith(ROOT + "cli/"))
        .noneMatch(e -> e.equals(ROOT + "internal/generated/model/ResendFailure.class"))
        // javac's record of a patched-module compile holds the build machine's paths
        .noneMatch(e -> e.equals("META-INF/jpms.args"))
        .allMatch(
            e -> e.startsWith(ROOT) || e.startsWith("META-INF/") || e.equals("module-info.class"));
  }

  @Test
  void theSimulatorJar_holdsTheSimulator_only() throws IOException {
    List<String> classes =
        entries(Artifacts.SIMULATOR).stream()
            .filter(e -> !e.startsWith("META-INF/") && !e.equals("module-info.class"))
            .toList();

    assertThat(classes)
        .contains(
            ROOT + "simulator/ZuoraSimulator.class",
            ROOT + "simulator/ZuoraSimulatorExtension.class")
        .allMatch(e -> e.startsWith(ROOT + "simulator/"));
    // A named module, not an automatic one: it can require jdk.httpserver itself.
    ModuleDescriptor module =
        ModuleFinder.of(Artifacts.SIMULATOR).findAll().iterator().next().descriptor();
    assertThat(module.name()).isEqualTo("dev.zuoraclient.callouts.simulator");
    assertThat(module.isAutomatic()).isFalse();
    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.zuoraclient.callouts.simulator");
    assertThat(module.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .contains("jdk.httpserver", "dev.zuoraclient.callouts", "org.junit.jupiter.api")
        .doesNotContain("info.picocli");
  }

  @Test
  void theCliJar_isSelfContained_withoutMicrometerOrAModuleDescriptor() throws Exception {
    List<String> entries = entries(Artifacts.CLI);

    assertThat(entries)
        .contains(
            ROOT + "cli/Main.class",
            ROOT + "simulator/ZuoraSimulator.class",
            ROOT + "CalloutResendClient.class",
            "picocli/CommandLine.class",
            "feign/Feign.class",
            "com/fasterxml/jackson/databind/ObjectMapper.class")
        .noneMatch(e -> e.startsWith("io/micrometer/"))
        .doesNotContain("module-info.class");
    assertThat(manifest(Artifacts.CLI).getMainAttributes().getValue("Main-Class"))
        .isEqualTo("dev.zuoraclient.callouts.cli.Main");

    Artifacts.Ran ran =
        Artifacts.java(List.of("-jar", Artifacts.CLI.toString(), "resend", "a1", "unknown-1"));

    assertThat(ran.exitCode()).as(ran.out()).isEqualTo(3);
    assertThat(ran.out())
        .contains("Accepted 1 of 2 callout notifications: 1 failed")
        .contains("Server: embedded simulator at http://127.0.0.1:");
  }

  @Test
  void theCliJar_saysItsRealVersion() throws Exception {
    Artifacts.Ran ran = Artifacts.java(List.of("-jar", Artifacts.CLI.toString(), "--version"));

    assertThat(ran.exitCode()).as(ran.out()).isZero();
    assertThat(ran.out().strip())
        .isEqualTo("zuora-callout-resend " + System.getProperty("project.version"));
    assertThat(manifest(Artifacts.CLI).getMainAttributes().getValue("Implementation-Version"))
        .isEqualTo(System.getProperty("project.version"));
  }

  /**
   * A consumer's test class path: the library, the simulator artifact and the library's required
   * dependencies; no picocli, no Micrometer.
   */
  @Test
  void theSimulatorAndTheLibrary_workWithTheLibrarysRequiredDependenciesAlone() throws Exception {
    Path src = dir.resolve("src/UsesTheSimulator.java");
    Artifacts.write(
        src,
        """
        import dev.zuoraclient.callouts.CalloutResendClient;
        import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
        import java.util.List;

        public class UsesTheSimulator {
          public static void main(String[] args) {
            try (ZuoraSimulator zuora =
                ZuoraSimulator.builder()
                    .unknownIdPrefix(ZuoraSimulator.UNKNOWN_ID_PREFIX)
                    .acceptToken("t")
                    .start()) {
              CalloutResendClient client =
                  CalloutResendClient.builder().baseUri(zuora.baseUri()).accessToken("t").build();
              System.out.println(client.resend(List.of("a1", "unknown-1")).outcome());
            }
          }
        }
        """);
    List<Path> classPath = new ArrayList<>(List.of(Artifacts.LIBRARY, Artifacts.SIMULATOR));
    classPath.addAll(Artifacts.requiredDependencies());
    assertThat(classPath)
        .noneMatch(p -> p.toString().contains("picocli") || p.toString().contains("micrometer"));
    Path out = dir.resolve("out");

    Artifacts.Compiled compiled =
        Artifacts.javac(
            List.of("-cp", Artifacts.path(classPath), "-d", out.toString(), src.toString()));
    assertThat(compiled.ok()).as(compiled.diagnostics()).isTrue();
    classPath.add(0, out);
    Artifacts.Ran ran =
        Artifacts.java(List.of("-cp", Artifacts.path(classPath), "UsesTheSimulator"));

    assertThat(ran.exitCode()).as(ran.out()).isZero();
    assertThat(ran.out()).contains("PARTIALLY_ACCEPTED");
  }
}
