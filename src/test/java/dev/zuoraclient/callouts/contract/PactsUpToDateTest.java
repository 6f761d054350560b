package dev.zuoraclient.callouts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed pacts ({@code pacts/}) must be exactly what the consumer tests wrote in this build
 * ({@code target/pacts}): same files, same interactions, same content. A contract change then shows
 * up as a reviewed diff of {@code pacts/}, never silently.
 */
class PactsUpToDateTest {

  @TempDir Path tmp;

  @Test
  void committedPacts_matchWhatTheConsumerTestsWrote() {
    PactFiles.updateCommittedIfRequested();
    Path committed = PactFiles.committed();
    Path generated = PactFiles.generated();
    assertThat(PactFiles.pactFiles(generated))
        .as(
            "no pacts in %s: the consumer tests (dev.zuoraclient.callouts.pact.*PactTest) write"
                + " them; run mvn verify",
            generated)
        .isNotEmpty();

    List<String> differences = PactFiles.differences(committed, generated);

    if (!differences.isEmpty()) {
      throw new AssertionError(
          "The committed pacts in "
              + committed
              + " differ from those the consumer tests wrote in "
              + generated
              + ":\n  "
              + String.join("\n  ", differences)
              + "\n\nIf the contract change is intended, update the committed pacts with\n  "
              + PactFiles.UPDATE_COMMAND
              + "\nand review the diff of pacts/ before committing it.");
    }
  }

  // ---- the comparison and the update themselves ----

  @Test
  void differences_reportAStalePactFileNoConsumerTestWrites() throws IOException {
    Path committed = pacts("committed", "a-b.json", pact("x"), "a-old.json", pact("y"));
    Path generated = pacts("generated", "a-b.json", pact("x"));

    assertThat(PactFiles.differences(committed, generated))
        .containsExactly("stale pact a-old.json (no consumer test writes it any more)");
  }

  @Test
  void differences_reportANewPactFile() throws IOException {
    Path committed = pacts("committed", "a-b.json", pact("x"));
    Path generated = pacts("generated", "a-b.json", pact("x"), "a-c.json", pact("y"));

    assertThat(PactFiles.differences(committed, generated))
        .containsExactly("new pact a-c.json (not committed yet)");
  }

  @Test
  void differences_reportARenamedInteractionAsRemovedAndAdded() throws IOException {
    Path committed = pacts("committed", "a-b.json", pact("old name"));
    Path generated = pacts("generated", "a-b.json", pact("new name"));

    assertThat(PactFiles.differences(committed, generated))
        .containsExactly(
            "changed pact a-b.json:", "    - removed: old name", "    + added:   new name");
  }

  @Test
  void differences_reportAChangedInteractionAndWhichPartChanged() throws IOException {
    Path committed = pacts("committed", "a-b.json", pact("x"));
    Path generated = pacts("generated", "a-b.json", pact("x").replace("202", "200"));

    assertThat(PactFiles.differences(committed, generated))
        .containsExactly("changed pact a-b.json:", "    ~ changed: x (response)");
  }

  @Test
  void differences_ignoreFormatting() throws IOException {
    Path committed = pacts("committed", "a-b.json", pact("x"));
    Path generated = pacts("generated", "a-b.json", pact("x").replace(" ", "\n  "));

    assertThat(PactFiles.differences(committed, generated)).isEmpty();
  }

  @Test
  void replace_copiesNewPactsAndDeletesStaleOnesButKeepsOtherFiles() throws IOException {
    Path committed = pacts("committed", "a-b.json", pact("old"), "a-old.json", pact("y"));
    Files.writeString(committed.resolve(".gitkeep"), "");
    Path generated = pacts("generated", "a-b.json", pact("new"), "a-c.json", pact("z"));

    PactFiles.replace(committed, generated);

    assertThat(PactFiles.differences(committed, generated)).isEmpty();
    assertThat(committed.resolve("a-old.json")).doesNotExist();
    assertThat(committed.resolve(".gitkeep")).exists();
  }

  @Test
  void replace_refusesToWipeTheCommittedPactsWhenNoneWereWritten() throws IOException {
    Path committed = pacts("committed", "a-b.json", pact("x"));
    Path generated = pacts("generated");

    assertThatThrownBy(() -> PactFiles.replace(committed, generated))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no pact files");
    assertThat(committed.resolve("a-b.json")).exists();
  }

  private Path pacts(String dir, String... namesAndContents) throws IOException {
    Path folder = Files.createDirectories(tmp.resolve(dir));
    for (int i = 0; i < namesAndContents.length; i += 2) {
      Files.writeString(folder.resolve(namesAndContents[i]), namesAndContents[i + 1]);
    }
    return folder;
  }

  private static String pact(String description) {
    return "{\"consumer\": {\"name\": \"a\"}, \"provider\": {\"name\": \"b\"}, \"interactions\": [{"
        + "\"description\": \""
        + description
        + "\", \"request\": {\"method\": \"POST\"}, \"response\": {\"status\": 202}}]}";
  }
}
