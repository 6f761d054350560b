package dev.zuoraclient.callouts.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value that comes from the spec is read at run time by the code that uses it, never copied into
 * that code by its compiler: a team that upgrades the library (and with it the spec) without
 * recompiling, or whose build says "Nothing to compile", gets the new value. javac copies a {@code
 * static final} primitive or String initialised with a constant expression (a field with a {@code
 * ConstantValue} attribute) into every class that reads it.
 *
 * <p>The internal packages may keep such constants (the command line's annotations need them): they
 * are compiled with everything that reads them, in one build.
 */
class SpecValuesNotInlinedTest {
  /** The packages whose public types other code compiles against: the API and the test kit. */
  static final List<String> API_PACKAGES =
      List.of(
          "dev/zuoraclient/callouts",
          "dev/zuoraclient/callouts/exception",
          "dev/zuoraclient/callouts/auth",
          "dev/zuoraclient/callouts/simulator");

  /**
   * Public constants that do not come from the spec: the test kit's own defaults and fixtures. A
   * new public constant must be added here, deliberately, or be made a value read at run time.
   */
  static final Set<String> NOT_FROM_THE_SPEC =
      Set.of(
          "dev.zuoraclient.callouts.simulator.ZuoraSimulator.UNKNOWN_ID_PREFIX",
          "dev.zuoraclient.callouts.simulator.ZuoraSimulator$Builder.DEFAULT_RATE_LIMIT_PER_MINUTE",
          "dev.zuoraclient.callouts.simulator.ZuoraSimulator$Builder.DEFAULT_MAX_RECORDED_REQUESTS",
          "dev.zuoraclient.callouts.simulator.ZuoraSimulator$Builder.DEFAULT_MAX_STORED_ANSWERS",
          "dev.zuoraclient.callouts.simulator.ZuoraSimulator$Builder.DEFAULT_MAX_COUNTED_IDS",
          "dev.zuoraclient.callouts.simulator.ZuoraSimulatorExtension.TOKEN",
          "dev.zuoraclient.callouts.simulator.ZuoraSimulatorExtension.CLIENT_ID",
          "dev.zuoraclient.callouts.simulator.ZuoraSimulatorExtension.CLIENT_SECRET");

  @TempDir Path tmp;

  @Test
  void aConsumerCompiledAgainstTheLibrary_readsTheSpecsValuesAtRunTime() throws Exception {
    Path source = tmp.resolve("src/Consumer.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        """
        import dev.zuoraclient.callouts.CalloutResendClient;
        import dev.zuoraclient.callouts.simulator.ZuoraSimulator;

        public class Consumer {
          public static int maxIds() {
            return CalloutResendClient.MAX_IDS_PER_REQUEST;
          }

          public static String paths() {
            return ZuoraSimulator.RESEND_PATH + ZuoraSimulator.TOKEN_PATH;
          }
        }
        """);
    Path classes = tmp.resolve("classes");
    Files.createDirectories(classes);
    int compiled =
        javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                source.toString());
    assertThat(compiled).as("the consumer compiles").isZero();

    String bytecode = javap("-c", "-classpath", classes.toString(), "Consumer");

    assertThat(bytecode)
        .contains(
            "getstatic", "Field dev/zuoraclient/callouts/CalloutResendClient.MAX_IDS_PER_REQUEST:I")
        .contains("Field dev/zuoraclient/callouts/simulator/ZuoraSimulator.RESEND_PATH")
        .contains("Field dev/zuoraclient/callouts/simulator/ZuoraSimulator.TOKEN_PATH")
        .doesNotContain("sipush        " + SpecRules.MAX_IDS)
        .doesNotContain(ZuoraSimulator.RESEND_PATH);
    assertThat(CalloutResendClient.MAX_IDS_PER_REQUEST).isEqualTo(SpecRules.MAX_IDS);
  }

  @Test
  void noPublicConstantOfTheApi_comesFromTheSpec() throws Exception {
    List<String> constants = new ArrayList<>();
    for (String pkg : API_PACKAGES) {
      Path dir = classesRoot().resolve(pkg);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name = pkg.replace('/', '.') + "." + stripClass(file.getFileName().toString());
          constants.addAll(publicConstants(name));
        }
      }
    }

    assertThat(constants)
        .as("public fields with a ConstantValue attribute, which a consumer's javac inlines")
        .isNotEmpty()
        .allSatisfy(c -> assertThat(NOT_FROM_THE_SPEC).as(c).contains(c));
    assertThat(constants)
        .doesNotContain("dev.zuoraclient.callouts.CalloutResendClient.MAX_IDS_PER_REQUEST");
  }

  /** Public static final fields of a public type whose class file gives a ConstantValue. */
  private static List<String> publicConstants(String className) throws Exception {
    Class<?> type =
        Class.forName(className, false, SpecValuesNotInlinedTest.class.getClassLoader());
    List<String> out = new ArrayList<>();
    if (!Modifier.isPublic(type.getModifiers())) {
      return out;
    }
    List<String> candidates = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m)
          && Modifier.isStatic(m)
          && Modifier.isFinal(m)
          && (f.getType().isPrimitive() || f.getType() == String.class)) {
        candidates.add(f.getName());
      }
    }
    if (candidates.isEmpty()) {
      return out;
    }
    String verbose = javap("-v", "-constants", "-classpath", classesRoot().toString(), className);
    String field = null;
    for (String line : verbose.lines().toList()) {
      if (line.startsWith("  ") && !line.startsWith("   ") && line.endsWith(";")) {
        String declaration = line.substring(0, line.length() - 1).strip();
        int eq = declaration.indexOf(" = ");
        String left = eq < 0 ? declaration : declaration.substring(0, eq);
        field = left.substring(left.lastIndexOf(' ') + 1);
      } else if (line.strip().startsWith("ConstantValue:") && candidates.contains(field)) {
        out.add(className + "." + field);
      }
    }
    return out;
  }

  private static String javap(String... args) {
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    StringWriter out = new StringWriter();
    int status = javap.run(new PrintWriter(out), new PrintWriter(out), args);
    assertThat(status).as(out.toString()).isZero();
    return out.toString();
  }

  private static Path classesRoot() throws URISyntaxException {
    return Path.of(
        CalloutResendClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String stripClass(String fileName) {
    return fileName.substring(0, fileName.length() - ".class".length());
  }
}
