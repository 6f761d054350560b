package dev.zuoraclient.callouts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents stay true: every Java block in the README, {@code docs/} and {@code
 * CONTRIBUTING.md} is named ({@code <!-- snippet: name -->}) and is exactly the code a test
 * compiles and runs (between {@code // snippet: name} and {@code // end snippet} in {@code
 * src/test/java}); every relative link leads to a file, and every anchor to a heading.
 */
class DocsTest {
  static final Pattern JAVA_BLOCK =
      Pattern.compile("(?m)^(?:<!-- snippet: (\\S+) -->\\n)?```java\\n(.*?)^```$", Pattern.DOTALL);
  static final Pattern HOSTED =
      Pattern.compile(
          "(?m)^[ \\t]*// snippet: (\\S+)\\n(.*?)^[ \\t]*// end snippet$", Pattern.DOTALL);
  static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md")));
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  static Map<String, String> hostedSnippets() throws IOException {
    Map<String, String> hosted = new HashMap<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = HOSTED.matcher(Files.readString(f));
        while (m.find()) {
          assertThat(hosted.put(m.group(1), dedent(m.group(2))))
              .as("snippet %s is defined once", m.group(1))
              .isNull();
        }
      }
    }
    return hosted;
  }

  static String dedent(String code) {
    List<String> lines = code.lines().toList();
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream()
            .map(l -> l.isBlank() ? "" : l.substring(indent))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  @Test
  void everyJavaBlock_isTheCodeATestRuns() throws IOException {
    Map<String, String> hosted = hostedSnippets();
    Set<String> shown = new HashSet<>();
    for (Path doc : documents()) {
      Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
      while (m.find()) {
        String name = m.group(1);
        assertThat(name)
            .as("%s: a Java block without '<!-- snippet: name -->' before it:%n%s", doc, m.group(2))
            .isNotNull();
        assertThat(hosted).as("%s: snippet %s is in no test", doc, name).containsKey(name);
        assertThat(m.group(2))
            .as("%s: snippet %s differs from the code the test runs", doc, name)
            .isEqualTo(hosted.get(name));
        shown.add(name);
      }
    }
    assertThat(shown).as("snippets shown in the docs").hasSize(hosted.size());
  }

  @Test
  void everyRelativeLink_leadsToAFileAndHeading() throws IOException {
    for (Path doc : documents()) {
      Matcher m = LINK.matcher(Files.readString(doc));
      while (m.find()) {
        String target = m.group(1);
        if (target.startsWith("http:") || target.startsWith("https:")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        // resolveSibling of a top-level document is the target itself
        Path resolved = file.isEmpty() ? doc : doc.resolveSibling(file).normalize();
        assertThat(resolved).as("%s links to %s", doc, target).exists();
        if (anchor != null) {
          assertThat(anchors(resolved)).as("%s links to %s", doc, target).contains(anchor);
        }
      }
    }
  }

  /** The anchors a Markdown renderer gives the headings of a document. */
  static Set<String> anchors(Path doc) {
    try {
      return Files.readString(doc)
          .lines()
          .filter(l -> l.startsWith("#"))
          .map(l -> l.replaceFirst("^#+\\s*", ""))
          .map(h -> h.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
