package dev.zuoraclient.callouts.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type outside {@code internal} has a javadoc comment. (The javadoc build checks the
 * comments' syntax and references; this checks that they exist.)
 */
class JavadocCoverageTest {
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^\\s*public\\s+(?:(?:static|final|abstract|sealed)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");

  @Test
  void everyPublicTypeHasAJavadocComment() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file :
          (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        if (file.toString().contains("/internal/")) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = PUBLIC_TYPE.matcher(lines.get(i));
          if (m.find() && !documented(lines, i)) {
            missing.add(file + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).as("public types without javadoc").isEmpty();
  }

  /** A javadoc comment ends right above the declaration, annotations aside. */
  private static boolean documented(List<String> lines, int declaration) {
    for (int i = declaration - 1; i >= 0; i--) {
      String line = lines.get(i).trim();
      if (line.startsWith("@")) {
        continue;
      }
      return line.endsWith("*/");
    }
    return false;
  }
}
