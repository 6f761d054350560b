package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendResult;
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
 *
 * <p>The batches are the journal's, not the resuming run's: the header's batch size lays them out,
 * and a {@code split} line replaces one batch that was never sent by smaller ones, numbered after
 * the last. The reader also works out which batches may have reached Zuora: one planned (a planned
 * line is written just before a batch is sent) and not settled as not sent in every run since.
 */
final class JournalReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a journal holds, by batch number from 1. */
  static final class State {
    /** The header's batch size, which laid out the first batches. */
    final int batchSize;

    private final int original;
    private final List<List<String>> batches = new ArrayList<>();
    private final Map<Integer, List<Integer>> parts = new HashMap<>();
    private final Map<Integer, RunJournal.Recorded> recorded = new HashMap<>();
    private final Map<Integer, Integer> plannedAt = new HashMap<>();
    private final Set<Integer> maybeSent = new HashSet<>();

    State(List<String> ids, int batchSize) {
      this.batchSize = batchSize;
      for (int from = 0; from < ids.size(); from += batchSize) {
        batches.add(ids.subList(from, Math.min(ids.size(), from + batchSize)));
      }
      this.original = batches.size();
    }

    /** The batches a run takes, in the order of the IDs: a split batch gives way to its parts. */
    List<Integer> live() {
      List<Integer> out = new ArrayList<>();
      for (int n = 1; n <= original; n++) {
        addLive(n, out);
      }
      return out;
    }

    private void addLive(int n, List<Integer> out) {
      List<Integer> split = parts.get(n);
      if (split == null) {
        out.add(n);
      } else {
        split.forEach(p -> addLive(p, out));
      }
    }

    /** Batch {@code n}'s IDs. */
    List<String> ids(int n) {
      return batches.get(n - 1);
    }

    /** What the journal recorded of batch {@code n}: its key, and its result once resolved. */
    RunJournal.Recorded recorded(int n) {
      return recorded.get(n);
    }

    /** Whether batch {@code n} may have reached Zuora without an outcome the journal holds. */
    boolean maybeSent(int n) {
      return maybeSent.contains(n);
    }

    /** The line batch {@code n} was planned on, or 0. */
    int plannedAt(int n) {
      return plannedAt.getOrDefault(n, 0);
    }

    /** Replaces batch {@code n} by batches of at most {@code size} of its IDs, numbered next. */
    List<Integer> split(int n, int size) {
      List<String> whole = ids(n);
      List<Integer> numbers = new ArrayList<>();
      for (int from = 0; from < whole.size(); from += size) {
        batches.add(whole.subList(from, Math.min(whole.size(), from + size)));
        numbers.add(batches.size());
      }
      parts.put(n, List.copyOf(numbers));
      return numbers;
    }

    private boolean isSplit(int n) {
      return parts.containsKey(n);
    }

    private int count() {
      return batches.size();
    }
  }

  private final Path path;
  private final State state;
  private final Set<Integer> resolved = new HashSet<>();
  private final Set<String> keys = new HashSet<>();
  // The batches settled as not sent since the current run started: a planned batch missing here
  // when the run ended (a crash, kill -9) may have been sent.
  private final Set<Integer> settledAsNotSent = new HashSet<>();
  private int line;
  private int runStart; // the line of the run's header or resumed line

  private JournalReader(Path path, State state) {
    this.path = path;
    this.state = state;
  }

  /**
   * What the complete lines of a journal say.
   *
   * @param text the journal's complete lines (a torn last line already cut off)
   * @param expected the header line this run would write
   * @throws IllegalArgumentException when the journal is not this tool's, belongs to another run,
   *     or has a line that does not fit
   */
  static State read(Path path, String text, JsonNode expected, List<String> ids) {
    String[] lines = text.split("\n", -1);
    // text ends with a newline, so the last element is empty
    int batchSize = checkHeader(path, lines[0], expected, ids);
    JournalReader reader = new JournalReader(path, new State(ids, batchSize));
    reader.line = 1;
    reader.runStart = 1;
    for (int i = 1; i < lines.length - 1; i++) {
      reader.event(lines[i]);
    }
    reader.runEnded();
    return reader.state;
  }

  /**
   * Checks the header line alone: this tool's format and this run's IDs. The batch size may differ
   * from the run's: a resumed run keeps the journal's batches, and their keys.
   *
   * @return the journal's batch size
   * @throws IllegalArgumentException when it is not
   */
  static int checkHeader(Path path, String text, JsonNode expected, List<String> ids) {
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
    for (String field : List.of("ids", "idsSha256")) {
      if (!header.path(field).equals(expected.path(field))) {
        throw new IllegalArgumentException(
            "journal "
                + path
                + " was written for another run (over "
                + header.path("ids").asText()
                + " IDs); this run has "
                + ids.size()
                + " other IDs: resume with the same IDs, or use a new journal file");
      }
    }
    JsonNode size = header.path("batchSize");
    JsonNode batches = header.path("batches");
    if (!size.isInt()
        || size.intValue() < 1
        || !batches.isInt()
        || batches.intValue() != (ids.size() + size.intValue() - 1) / size.intValue()) {
      throw new IllegalArgumentException(
          "journal "
              + path
              + " is corrupt at line 1 (no valid batch size): it was left as it is, and nothing"
              + " was sent");
    }
    return size.intValue();
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
      runEnded();
      return;
    }
    JsonNode number = e.path("batch");
    int batch = number.isInt() ? number.intValue() : -1;
    if (batch < 1 || batch > state.count()) {
      throw corrupt("no valid batch number");
    }
    if (state.isSplit(batch)) {
      throw corrupt("batch " + batch + " was split, and has no events of its own after that");
    }
    RunJournal.Recorded before = state.recorded.get(batch);
    switch (event) {
      case "planned" -> {
        if (before != null) {
          throw corrupt("batch " + batch + " is planned twice");
        }
        if (!strings(e.path("ids"), batch).equals(state.ids(batch))) {
          throw corrupt("batch " + batch + " holds other IDs than this run's");
        }
        String key = key(e, batch);
        if (!keys.add(key)) {
          // Sent with another batch's key, Zuora could replay that batch's answer for this one.
          throw corrupt("batch " + batch + " is planned with another batch's key");
        }
        state.recorded.put(batch, new RunJournal.Recorded(key, null));
        state.plannedAt.put(batch, line);
      }
      case "resolved" -> {
        if (before == null) {
          throw corrupt("batch " + batch + " resolved before it was planned");
        }
        if (!resolved.add(batch)) {
          throw corrupt("batch " + batch + " is resolved twice");
        }
        state.recorded.put(
            batch, new RunJournal.Recorded(before.key(), result(e, batch, before.key())));
      }
      case "unresolved" -> {
        JsonNode resent = e.path("mayHaveBeenResent");
        if (!resent.isBoolean()) {
          throw corrupt("batch " + batch + " has no valid mayHaveBeenResent");
        }
        if (resent.booleanValue()) {
          state.maybeSent.add(batch);
        } else {
          settledAsNotSent.add(batch);
        }
        // A planned batch is sent again with its key; one never planned was never sent. A
        // resolved batch stays resolved: Zuora answered it, whatever the run wrote after.
      }
      case "split" -> {
        JsonNode size = e.path("batchSize");
        if (resolved.contains(batch)
            || state.maybeSent(batch)
            || state.plannedAt(batch) > runStart) {
          throw corrupt("batch " + batch + " is split, but it is resolved or may have been sent");
        }
        if (!size.isInt() || size.intValue() < 1) {
          throw corrupt("batch " + batch + " is split without a valid batch size");
        }
        List<Integer> into = state.split(batch, size.intValue());
        JsonNode named = e.path("into");
        List<Integer> listed = new ArrayList<>();
        named.forEach(n -> listed.add(n.isInt() ? n.intValue() : -1));
        if (!named.isArray() || !listed.equals(into)) {
          throw corrupt("batch " + batch + " is split into other batches than its IDs make");
        }
      }
      default -> throw corrupt("unknown event '" + event + "'");
    }
  }

  /**
   * A run's lines end (a resumed line, or the end of the file): every batch it did not settle as
   * not sent, though planned and unresolved, may have been sent by it.
   */
  private void runEnded() {
    for (int batch : state.recorded.keySet()) {
      if (!resolved.contains(batch) && !state.isSplit(batch) && !settledAsNotSent.contains(batch)) {
        state.maybeSent.add(batch);
      }
    }
    settledAsNotSent.clear();
    runStart = line;
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
    List<String> planned = state.ids(batch);
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
