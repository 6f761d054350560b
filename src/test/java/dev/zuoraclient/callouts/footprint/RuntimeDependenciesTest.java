package dev.zuoraclient.callouts.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's runtime class path only changes by a reviewed change: every dependency its users
 * get (compile and runtime scope, not optional, transitive ones included) must be named in {@code
 * src/test/resources/runtime-dependencies.allow}, and every name there must still be one.
 *
 * <p>The build writes the list this test reads ({@code target/runtime-dependencies.txt}, from
 * {@code maven-dependency-plugin:list} in {@code generate-test-resources}).
 */
class RuntimeDependenciesTest {
  private static final String ALLOW_LIST = "/runtime-dependencies.allow";

  private static TreeSet<String> actual;
  private static TreeSet<String> allowed;

  @BeforeAll
  static void read() throws IOException {
    Path list = Path.of(System.getProperty("basedir", "."), "target", "runtime-dependencies.txt");
    assertThat(list)
        .as("the dependency list the build writes; run the tests through Maven")
        .isRegularFile();
    actual = new TreeSet<>();
    for (String raw : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      String line = raw.trim();
      String[] parts = line.split(":");
      if (parts.length < 5 || line.startsWith("The following")) {
        continue;
      }
      // An optional dependency (picocli, for the command-line tool) never reaches users.
      if (!line.contains("(optional)")) {
        actual.add(parts[0] + ":" + parts[1]);
      }
    }
    allowed = new TreeSet<>();
    try (InputStream in = RuntimeDependenciesTest.class.getResourceAsStream(ALLOW_LIST)) {
      assertThat(in).as(ALLOW_LIST + " on the test class path").isNotNull();
      for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String line = raw.trim();
        if (!line.isEmpty() && !line.startsWith("#")) {
          allowed.add(line);
        }
      }
    }
  }

  @Test
  void runtimeDependencies_areAllOnTheAllowList() {
    TreeSet<String> unreviewed = new TreeSet<>(actual);
    unreviewed.removeAll(allowed);
    assertThat(unreviewed)
        .as(
            "runtime dependencies not in src/test/resources/runtime-dependencies.allow: make the"
                + " dependency optional, test-scoped or provided, exclude it, or add it to the"
                + " list in a reviewed change")
        .isEmpty();
  }

  @Test
  void allowList_namesOnlyActualRuntimeDependencies() {
    TreeSet<String> stale = new TreeSet<>(allowed);
    stale.removeAll(actual);
    assertThat(stale)
        .as("entries of runtime-dependencies.allow that are no longer runtime dependencies")
        .isEmpty();
  }
}
