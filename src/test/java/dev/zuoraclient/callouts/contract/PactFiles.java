package dev.zuoraclient.callouts.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where the pacts live, how the committed set differs from the one the consumer tests just wrote,
 * and the update that makes them equal.
 *
 * <p>The committed pacts ({@code pacts/}) are what a provider verifies; the consumer tests write a
 * fresh set to {@code target/pacts} on every build. With {@code -Dpacts.update=true} the first
 * contract check to run copies the fresh set over the committed one (deleting pacts no consumer
 * test writes any more), so that every check of the run reads the updated files.
 */
final class PactFiles {
  static final String UPDATE_PROPERTY = "pacts.update";
  static final String UPDATE_COMMAND = "mvn clean verify -D" + UPDATE_PROPERTY + "=true";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static boolean updated;

  private PactFiles() {}

  /** The pacts under version control, which providers verify. */
  static Path committed() {
    return Path.of(System.getProperty("pacts.committed", "pacts"));
  }

  /** The pacts the consumer tests wrote in this build. */
  static Path generated() {
    return Path.of(System.getProperty("pacts.generated", "target/pacts"));
  }

  static boolean updateRequested() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /**
   * Copies the generated pacts over the committed ones, once per test run, when {@code
   * -Dpacts.update=true} asks for it; does nothing otherwise. Every check that reads the committed
   * pacts calls this first, so the order in which the checks run does not matter.
   */
  static synchronized void updateCommittedIfRequested() {
    if (updateRequested() && !updated) {
      List<String> changes = differences(committed(), generated());
      replace(committed(), generated());
      updated = true;
      System.out.println(
          changes.isEmpty()
              ? "pacts: " + committed() + " was already up to date"
              : "pacts: updated " + committed() + ":\n  " + String.join("\n  ", changes));
    }
  }

  /** The pact files of a folder, by name; an absent folder has none. */
  static List<Path> pactFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes {@code target} hold exactly the pact files of {@code source}: copies each over and
   * deletes the pacts {@code source} does not have. Other files (a {@code .gitkeep}) stay.
   *
   * @throws IllegalStateException when {@code source} holds no pact, which would wipe every pact
   */
  static void replace(Path target, Path source) {
    List<Path> fresh = pactFiles(source);
    if (fresh.isEmpty()) {
      throw new IllegalStateException(
          "no pact files in " + source + " to update " + target + " from; run the consumer tests");
    }
    try {
      Files.createDirectories(target);
      for (Path stale : pactFiles(target)) {
        if (!Files.exists(source.resolve(stale.getFileName()))) {
          Files.delete(stale);
        }
      }
      for (Path file : fresh) {
        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a reviewer needs to know about how {@code committed} differs from {@code generated}: one
   * line per new, stale or changed pact file, and per added, removed or changed interaction. Empty
   * when both hold the same pacts (compared as JSON, so formatting does not count).
   */
  static List<String> differences(Path committed, Path generated) {
    Map<String, Path> before = byName(pactFiles(committed));
    Map<String, Path> after = byName(pactFiles(generated));
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    List<String> lines = new ArrayList<>();
    for (String name : names) {
      Path old = before.get(name);
      Path fresh = after.get(name);
      if (old == null) {
        lines.add("new pact " + name + " (not committed yet)");
      } else if (fresh == null) {
        lines.add("stale pact " + name + " (no consumer test writes it any more)");
      } else {
        JsonNode a = read(old);
        JsonNode b = read(fresh);
        if (!a.equals(b)) {
          lines.add("changed pact " + name + ":");
          List<String> details = interactionChanges(a, b);
          if (details.isEmpty()) {
            details = List.of("metadata or participants differ");
          }
          details.forEach(d -> lines.add("    " + d));
        }
      }
    }
    return lines;
  }

  private static List<String> interactionChanges(JsonNode committed, JsonNode generated) {
    Map<String, JsonNode> before = interactions(committed);
    Map<String, JsonNode> after = interactions(generated);
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : before.entrySet()) {
      JsonNode fresh = after.get(e.getKey());
      if (fresh == null) {
        lines.add("- removed: " + e.getKey());
      } else if (!fresh.equals(e.getValue())) {
        lines.add("~ changed: " + e.getKey() + changedParts(e.getValue(), fresh));
      }
    }
    for (String description : after.keySet()) {
      if (!before.containsKey(description)) {
        lines.add("+ added:   " + description);
      }
    }
    if (lines.isEmpty() && !committed.path("interactions").equals(generated.path("interactions"))) {
      lines.add("interactions are in another order");
    }
    return lines;
  }

  private static String changedParts(JsonNode before, JsonNode after) {
    List<String> parts = new ArrayList<>();
    TreeSet<String> fields = new TreeSet<>();
    before.fieldNames().forEachRemaining(fields::add);
    after.fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      if (!Objects.equals(before.get(field), after.get(field))) {
        parts.add(field);
      }
    }
    return " (" + String.join(", ", parts) + ")";
  }

  private static Map<String, JsonNode> interactions(JsonNode pact) {
    Map<String, JsonNode> byDescription = new LinkedHashMap<>();
    for (JsonNode interaction : pact.path("interactions")) {
      byDescription.put(interaction.path("description").asText(), interaction);
    }
    return byDescription;
  }

  private static Map<String, Path> byName(List<Path> files) {
    Map<String, Path> byName = new TreeMap<>();
    files.forEach(f -> byName.put(f.getFileName().toString(), f));
    return byName;
  }

  static JsonNode read(Path pact) {
    try {
      return JSON.readTree(pact.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pact " + pact, e);
    }
  }
}
