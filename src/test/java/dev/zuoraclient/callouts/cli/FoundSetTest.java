package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The found set beside a journal: written whole, read back only when whole and unchanged. */
class FoundSetTest {
  @TempDir Path dir;

  private static final Instant FROM = Instant.parse("2026-12-01T02:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-01T06:00:00Z");

  private static FailedCalloutQuery query(String... categories) {
    return FailedCalloutQuery.builder()
        .from(FROM)
        .to(TO)
        .eventCategories(List.of(categories))
        .responseCodes(List.of(500))
        .build();
  }

  @Test
  void aWrittenSet_readsBack_asWritten_ownerOnly() throws Exception {
    Path file = FoundSet.of(dir.resolve("run.jsonl"));
    assertThat(file.getFileName().toString()).isEqualTo("run.jsonl.found");
    List<String> ids = List.of("a1", "a\"2", "a3");
    FoundSet.write(file, FoundSet.Query.of(query("Invoice Posted")), "job-1", ids);

    FoundSet.Recorded r = FoundSet.read(file);
    assertThat(r.ids()).isEqualTo(ids);
    assertThat(r.jobId()).isEqualTo("job-1");
    assertThat(r.query()).isEqualTo(FoundSet.Query.of(query("Invoice Posted")));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.list(dir)).containsExactly(file); // no temporary file left
  }

  @Test
  void anExistingSet_isNeverOverwritten() throws Exception {
    Path file = FoundSet.of(dir.resolve("run.jsonl"));
    FoundSet.write(file, FoundSet.Query.of(query()), "job-1", List.of("a1"));
    assertThatThrownBy(
            () -> FoundSet.write(file, FoundSet.Query.of(query()), "job-2", List.of("b")))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(FoundSet.read(file).ids()).containsExactly("a1");
  }

  @Test
  void anEditedOrCutSet_isRefused() throws Exception {
    Path file = FoundSet.of(dir.resolve("run.jsonl"));
    FoundSet.write(file, FoundSet.Query.of(query()), "job-1", List.of("a1", "a2", "a3"));
    String whole = Files.readString(file);

    Files.writeString(file, whole.replace("\"a2\"", "\"zz\""));
    assertThatThrownBy(() -> FoundSet.read(file))
        .isInstanceOf(FoundSet.Damaged.class)
        .hasMessageContaining("its IDs were changed");

    Files.writeString(file, whole.substring(0, whole.lastIndexOf("\"a3\"")));
    assertThatThrownBy(() -> FoundSet.read(file))
        .hasMessageContaining("it holds 2 IDs; its header says 3");

    Files.writeString(file, "not json\n\"a1\"\n");
    assertThatThrownBy(() -> FoundSet.read(file)).hasMessageContaining("not the header");

    Files.write(file, new byte[0]);
    assertThatThrownBy(() -> FoundSet.read(file)).hasMessageContaining("it is empty");

    Files.writeString(file, whole.replace("\"a2\"", "42"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> FoundSet.read(file)).hasMessageContaining("line 3 is not an ID");
  }

  @Test
  void differences_nameEachOptionThatChanged_andIgnoreAnUngivenTo() {
    FoundSet.Query recorded = FoundSet.Query.of(query("A", "B"));
    FailedCalloutQuery sameLater =
        FailedCalloutQuery.builder()
            .from(FROM)
            .to(TO.plusSeconds(3600))
            .eventCategories(List.of("B", "A"))
            .responseCodes(List.of(500))
            .build();
    assertThat(recorded.differences(sameLater, false)).isEmpty();
    assertThat(recorded.differences(sameLater, true)).contains("--to was " + TO);

    FailedCalloutQuery other =
        FailedCalloutQuery.builder()
            .from(FROM.plusSeconds(60))
            .to(TO)
            .eventCategories(List.of("A"))
            .includeSuperseded(true)
            .build();
    assertThat(recorded.differences(other, false))
        .contains("--from was 2026-12-01T02:00:00Z, now 2026-12-01T02:01:00Z")
        .contains("--event-category was [A, B], now [A]")
        .contains("--response-code was [500], now []")
        .contains("--include-superseded was false, now true");
  }
}
