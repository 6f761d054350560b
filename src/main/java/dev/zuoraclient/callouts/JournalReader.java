package dev.zuoraclient.callouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.internal.HeaderRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an existing journal back and trusts none of it: every line must fit the run it claims to
 * belong to, or the journal is refused before anything is sent. A planned batch holds exactly this
 * run's IDs for that batch and a key that obeys the {@code Idempotency-Key} rules; a resolved batch
 * was planned first and names each of its IDs exactly once, as accepted or failed; no batch is
 * planned or resolved twice. A hand-edited line that breaks any of this is treated like a corrupt
 * one: resuming from it could resend an ID twice, or report one that was never answered.
 */
final class JournalReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final List<String> ids;
  private final int batchSize;
  private final int batches;
  private final Map<Integer, RunJournal.Recorded> recorded = new HashMap<>();
  private final Set<Integer> resolved = new HashSet<>();
  private final Set<String> keys = new HashSet<>();
  private int line;

  private JournalReader(Path path, List<String> ids, int batchSize, int batches) {
    this.path = path;
    this.ids = ids;
    this.batchSize = batchSize;
    this.batches = batches;
  }

  /**
   * What the complete lines of a journal say, by batch index from 1.
   *
   * @param text the journal's complete lines (a torn last line already cut off)
   * @param expected the header line this run would write
   * @throws IllegalArgumentException when the journal is not this tool's, belongs to another run,
   *     or has a line that does not fit
   */
  static Map<Integer, RunJournal.Recorded> read(
      Path path, String text, JsonNode expected, List<String> ids, int batchSize) {
    JournalReader reader =
        new JournalReader(path, ids, batchSize, expected.path("batches").asInt());
    String[] lines = text.split("\n", -1);
    // text ends with a newline, so the last element is empty
    checkHeader(path, lines[0], expected, ids, batchSize);
    reader.line = 1;
    for (int i = 1; i < lines.length - 1; i++) {
      reader.event(lines[i]);
    }
    return reader.recorded;
  }

  /**
   * Checks the header line alone: this tool's format, and this run's IDs and batch size.
   *
   * @throws IllegalArgumentException when it is not
   */
  static void checkHeader(
      Path path, String text, JsonNode expected, List<String> ids, int batchSize) {
    JsonNode header;
    try {
      header = JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw notOurs(path);
    }
    if (header == null
        || !"run".equals(header.path("event").asText())
        || header.path("format").asInt() != RunJournal.FORMAT) {
      throw notOurs(path);
    }
    for (String field : List.of("ids", "idsSha256", "batchSize", "batches")) {
      if (!header.path(field).equals(expected.path(field))) {
        throw new IllegalArgumentException(
            "journal "
                + path
                + " was written for another run ("
                + header.path("ids").asText()
                + " IDs in batches of "
                + header.path("batchSize").asText()
                + "); this run has "
                + ids.size()
                + " IDs in batches of "
                + batchSize
                + ": resume with the same IDs and batch size, or use a new journal file");
      }
    }
  }

  /** The refusal of a file that is not a journal of this tool. */
  static IllegalArgumentException notOurs(Path path) {
    return new IllegalArgumentException(
        "journal "
            + path
            + " is not a journal of this tool (format "
            + RunJournal.FORMAT
            + "): it was left as it is; use a new journal file");
  }

  private void event(String text) {
    line++;
    JsonNode e = parse(text);
    String event = e.path("event").asText();
    if (event.equals("resumed")) {
      return;
    }
    JsonNode number = e.path("batch");
    int batch = number.isInt() ? number.intValue() : -1;
    if (batch < 1 || batch > batches) {
      throw corrupt("no valid batch number");
    }
    RunJournal.Recorded before = recorded.get(batch);
    switch (event) {
      case "planned" -> {
        if (before != null) {
          throw corrupt("batch " + batch + " is planned twice");
        }
        if (!strings(e.path("ids"), batch).equals(batchIds(batch))) {
          throw corrupt("batch " + batch + " holds other IDs than this run's");
        }
        String key = key(e, batch);
        if (!keys.add(key)) {
          // Sent with another batch's key, Zuora could replay that batch's answer for this one.
          throw corrupt("batch " + batch + " is planned with another batch's key");
        }
        recorded.put(batch, new RunJournal.Recorded(key, null));
      }
      case "resolved" -> {
        if (before == null) {
          throw corrupt("batch " + batch + " resolved before it was planned");
        }
        if (!resolved.add(batch)) {
          throw corrupt("batch " + batch + " is resolved twice");
        }
        recorded.put(batch, new RunJournal.Recorded(before.key(), result(e, batch, before.key())));
      }
      case "unresolved" -> {
        if (!e.path("mayHaveBeenResent").isBoolean()) {
          throw corrupt("batch " + batch + " has no valid mayHaveBeenResent");
        }
        // A planned batch is sent again with its key; one never planned was never sent. A
        // resolved batch stays resolved: Zuora answered it, whatever the run wrote after.
      }
      default -> throw corrupt("unknown event '" + event + "'");
    }
  }

  private String key(JsonNode e, int batch) {
    JsonNode key = e.path("key");
    if (!key.isTextual()) {
      throw corrupt("batch " + batch + " has no idempotency key");
    }
    try {
      return HeaderRules.checkIdempotencyKey(key.textValue());
    } catch (IllegalArgumentException bad) {
      throw corrupt("batch " + batch + " has a key that breaks the header rules");
    }
  }

  /** A resolved line's result: its accepted and failed IDs are the planned batch's, once each. */
  private ResendResult result(JsonNode e, int batch, String key) {
    int status = e.path("status").asInt();
    if (!e.path("status").isInt() || (status != 202 && status != 400)) {
      throw corrupt("batch " + batch + " has no documented status");
    }
    List<String> accepted = strings(e.path("accepted"), batch);
    List<ResendFailure> failures = new ArrayList<>();
    JsonNode failed = e.path("failed");
    if (!failed.isArray()) {
      throw corrupt("batch " + batch + " has no list of failed IDs");
    }
    Set<String> named = new HashSet<>(accepted);
    for (JsonNode f : failed) {
      if (!f.path("id").isTextual()
          || !f.path("code").isTextual()
          || !f.path("message").isTextual()) {
        throw corrupt("batch " + batch + " has a failure without id, code and message");
      }
      failures.add(
          new ResendFailure(
              f.path("id").textValue(), f.path("code").textValue(), f.path("message").textValue()));
      named.add(f.path("id").textValue());
    }
    List<String> planned = batchIds(batch);
    if (named.size() != accepted.size() + failures.size() || !named.equals(Set.copyOf(planned))) {
      throw corrupt(
          "batch "
              + batch
              + " is resolved with other IDs than it was planned with, or repeats one");
    }
    if (status == 400 && !accepted.isEmpty()) {
      throw corrupt("batch " + batch + " is resolved with 400 but accepted IDs");
    }
    JsonNode requestId = e.path("requestId");
    if (!requestId.isMissingNode() && !requestId.isTextual()) {
      throw corrupt("batch " + batch + " has a request ID that is not text");
    }
    return ResendResult.builder()
        .accepted(accepted)
        .failures(failures)
        .statusCode(status)
        .requestId(requestId.isTextual() ? requestId.textValue() : null)
        .idempotencyKey(key)
        .build();
  }

  private List<String> batchIds(int batch) {
    return RunJournal.batchIds(ids, batchSize, batch);
  }

  private List<String> strings(JsonNode array, int batch) {
    if (!array.isArray()) {
      throw corrupt("batch " + batch + " has no list of IDs");
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      if (!n.isTextual()) {
        throw corrupt("batch " + batch + " lists an ID that is not text");
      }
      out.add(n.textValue());
    }
    return out;
  }

  private JsonNode parse(String text) {
    try {
      JsonNode node = JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) {
        throw corrupt("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw corrupt("not JSON");
    }
  }

  private IllegalArgumentException corrupt(String what) {
    return new IllegalArgumentException(
        "journal "
            + path
            + " is corrupt at line "
            + line
            + " ("
            + what
            + "): it was left as it is, and nothing was sent");
  }
}
