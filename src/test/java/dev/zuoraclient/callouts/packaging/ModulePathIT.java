package dev.zuoraclient.callouts.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library jar as a module, used the way a consumer on the module path uses it: with only its
 * required dependencies (no Micrometer, no picocli), against a real simulator. Its API works
 * (Feign's proxy over the sealed binding, Jackson over the opened models, OAuth); its internals and
 * the generated binding can neither be compiled against nor reached by reflection. The simulator
 * jar is a module too, which needs nothing added on the command line.
 */
class ModulePathIT {
  @TempDir Path dir;

  private List<Path> modulePath() {
    List<Path> path = new ArrayList<>();
    path.add(Artifacts.LIBRARY);
    path.addAll(Artifacts.requiredDependencies());
    return path;
  }

  /** Compiles the module {@code consumer}, which requires the library, with this class in it. */
  private Artifacts.Compiled compileConsumer(String className, String source) throws Exception {
    return compileConsumer("dev.zuoraclient.callouts", modulePath(), className, source);
  }

  /** Compiles the module {@code consumer}, which requires {@code module}, with this class in it. */
  private Artifacts.Compiled compileConsumer(
      String module, List<Path> modulePath, String className, String source) throws Exception {
    Path src = dir.resolve("src");
    Artifacts.write(
        src.resolve("module-info.java"), "module consumer { requires " + module + "; }\n");
    Path file = src.resolve("consumer/" + className + ".java");
    Artifacts.write(file, source);
    // An empty class path of its own: javac would otherwise take this JVM's, which holds every
    // class of the project.
    Path noClassPath = Files.createDirectories(dir.resolve("empty"));
    return Artifacts.javac(
        List.of(
            "-classpath",
            noClassPath.toString(),
            "--module-path",
            Artifacts.path(modulePath),
            "-d",
            dir.resolve("out").toString(),
            src.resolve("module-info.java").toString(),
            file.toString()));
  }

  @Test
  void aConsumerModule_usesTheApi_andCannotReachTheInternalsAtRunTime() throws Exception {
    Artifacts.Compiled compiled =
        compileConsumer(
            "Main",
            """
        package consumer;

        import dev.zuoraclient.callouts.BatchOptions;
        import dev.zuoraclient.callouts.BatchResendResult;
        import dev.zuoraclient.callouts.CalloutResendClient;
        import dev.zuoraclient.callouts.ResendResult;
        import java.util.List;

        public class Main {
          public static void main(String[] args) throws Exception {
            CalloutResendClient client =
                CalloutResendClient.builder()
                    .baseUri(args[0])
                    .clientCredentials("module-client", "module-secret")
                    .applicationId("module-test/1")
                    .build();
            ResendResult one = client.resend(List.of("a1", "unknown-1"));
            System.out.println("outcome=" + one.outcome() + " failed=" + one.failures());
            BatchResendResult all =
                client.resendAll(
                    List.of("b1", "b2", "b3", "unknown-2"),
                    BatchOptions.builder().batchSize(2).concurrency(2).build());
            System.out.println("accepted=" + all.accepted() + " failed=" + all.failures().size());
            Class<?> internal = Class.forName("dev.zuoraclient.callouts.internal.SafeText");
            try {
              internal.getDeclaredConstructor().setAccessible(true);
              System.out.println("internal reachable");
            } catch (RuntimeException e) {
              System.out.println("internal sealed: " + e.getClass().getSimpleName());
            }
            System.out.println("module=" + CalloutResendClient.class.getModule().getName());
          }
        }
        """);
    assertThat(compiled.ok()).as(compiled.diagnostics()).isTrue();

    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .unknownIdPrefix(ZuoraSimulator.UNKNOWN_ID_PREFIX)
            .client("module-client", "module-secret")
            .start()) {
      List<Path> runPath = new ArrayList<>(modulePath());
      runPath.add(0, dir.resolve("out"));
      Artifacts.Ran ran =
          Artifacts.java(
              List.of(
                  "--module-path",
                  Artifacts.path(runPath),
                  "-m",
                  "consumer/consumer.Main",
                  zuora.baseUri().toString()));

      assertThat(ran.exitCode()).as(ran.out()).isZero();
      assertThat(ran.out())
          .contains(
              "outcome=PARTIALLY_ACCEPTED failed=[ResendFailure[id=unknown-1, code=ObjectNotFound")
          .contains("accepted=[b1, b2, b3] failed=1")
          .contains("internal sealed: InaccessibleObjectException")
          .contains("module=dev.zuoraclient.callouts");
      assertThat(zuora.tokenRequestCount()).isEqualTo(1);
      assertThat(zuora.requests())
          .filteredOn(r -> r.isResend())
          .hasSize(3)
          .allSatisfy(
              r ->
                  assertThat(r.header("User-Agent").orElseThrow())
                      .startsWith("zuora-callout-resend/" + System.getProperty("project.version"))
                      .endsWith(" module-test/1"));
    }
  }

  @Test
  void aConsumerModule_cannotCompileAgainstTheInternalsOrTheGeneratedBinding() throws Exception {
    Artifacts.Compiled compiled =
        compileConsumer(
            "Reach",
            """
        package consumer;

        public class Reach {
          Object rules = dev.zuoraclient.callouts.internal.HeaderRules.class;
          Object model = dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody.class;
          Object api = dev.zuoraclient.callouts.internal.generated.api.NotificationsApi.class;
        }
        """);

    assertThat(compiled.ok()).isFalse();
    assertThat(compiled.diagnostics())
        .contains(
            "package dev.zuoraclient.callouts.internal is declared in module"
                + " dev.zuoraclient.callouts, which does not export it")
        .contains(
            "package dev.zuoraclient.callouts.internal.generated.model is declared in module"
                + " dev.zuoraclient.callouts, which does not export it")
        .contains(
            "package dev.zuoraclient.callouts.internal.generated.api is declared in module"
                + " dev.zuoraclient.callouts, which does not export it");
  }

  @Test
  void aConsumerModule_startsTheSimulator_withoutAddModules() throws Exception {
    List<Path> path = new ArrayList<>(modulePath());
    path.add(Artifacts.SIMULATOR);
    Artifacts.Compiled compiled =
        compileConsumer(
            "dev.zuoraclient.callouts.simulator",
            path,
            "SimulatorMain",
            """
        package consumer;

        import dev.zuoraclient.callouts.CalloutResendClient;
        import dev.zuoraclient.callouts.ResendResult;
        import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
        import java.util.List;

        public class SimulatorMain {
          public static void main(String[] args) throws Exception {
            try (ZuoraSimulator zuora =
                    ZuoraSimulator.builder()
                        .unknownIdPrefix(ZuoraSimulator.UNKNOWN_ID_PREFIX)
                        .acceptToken("module-token")
                        .start();
                CalloutResendClient client =
                    CalloutResendClient.builder()
                        .baseUri(zuora.baseUri().toString())
                        .accessToken("module-token")
                        .build()) {
              ResendResult one = client.resend(List.of("s1", "unknown-1"));
              System.out.println("outcome=" + one.outcome() + " failed=" + one.failures());
              System.out.println("resends seen=" + zuora.requests().size());
            }
            Module simulator = ZuoraSimulator.class.getModule();
            System.out.println(
                "module="
                    + simulator.getName()
                    + " automatic="
                    + simulator.getDescriptor().isAutomatic());
          }
        }
        """);
    assertThat(compiled.ok()).as(compiled.diagnostics()).isTrue();

    List<Path> runPath = new ArrayList<>(path);
    runPath.add(0, dir.resolve("out"));
    // No --add-modules jdk.httpserver: the simulator's module requires it.
    Artifacts.Ran ran =
        Artifacts.java(
            List.of(
                "--module-path", Artifacts.path(runPath), "-m", "consumer/consumer.SimulatorMain"));

    assertThat(ran.exitCode()).as(ran.out()).isZero();
    assertThat(ran.out())
        .contains(
            "outcome=PARTIALLY_ACCEPTED failed=[ResendFailure[id=unknown-1, code=ObjectNotFound")
        .contains("resends seen=1")
        .contains("module=dev.zuoraclient.callouts.simulator automatic=false");
  }
}
