package dev.zuoraclient.callouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The durable record of a batched run, so that a run cut short (Ctrl-C, a crash, {@code kill -9})
 * can be resumed without resending what Zuora already resent. JSON Lines, one object per event,
 * each written and forced to disk before the run goes on:
 *
 * <pre>{@code
 * {"event":"run","format":1,"ids":200,"idsSha256":"9f2c...","batchSize":5,"batches":40}
 * {"event":"planned","batch":1,"key":"3b6f...","ids":["a1","a2","a3","a4","a5"]}
 * {"event":"resolved","batch":1,"status":202,"requestId":"...","accepted":["a1","a2","a3","a5"],
 *  "failed":[{"id":"a4","code":"ObjectNotFound","message":"Callout history does not exist."}]}
 * {"event":"unresolved","batch":2,"reason":"outcome unknown: ...","mayHaveBeenResent":true}
 * {"event":"resumed"}
 * }</pre>
 *
 * <p>A batch is {@code planned} (its IDs and idempotency key) before it is sent, and {@code
 * resolved} or {@code unresolved} when it ends. Resuming keeps every resolved batch as recorded and
 * sends every other planned batch again with its recorded key, so that Zuora replays what it did
 * instead of doing it twice. A journal written for another ID list or batch size, or with a corrupt
 * line, is refused before anything is sent; a torn last line, which a crash mid-write leaves, is
 * dropped.
 */
final class RunJournal implements AutoCloseable {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What an existing journal says about one batch. */
  record Recorded(String key, ResendResult resolved) {}

  private final Path path;
  // A stream, not a FileChannel: an interrupt of a thread writing to a channel closes the channel,
  // and an interrupt is exactly when the journal must keep working.
  private final FileOutputStream out;
  private final Map<Integer, Recorded> recorded;

  private RunJournal(Path path, FileOutputStream out, Map<Integer, Recorded> recorded) {
    this.path = path;
    this.out = out;
    this.recorded = recorded;
  }

  /**
   * Opens the journal of a run over {@code ids} in batches of {@code batchSize}: a new one, or an
   * existing one to resume.
   *
   * @throws IllegalArgumentException when an existing journal belongs to another run or is corrupt
   * @throws UncheckedIOException when the file cannot be read or written
   */
  static RunJournal open(Path path, List<String> ids, int batchSize, int batches) {
    ObjectNode header = JSON.createObjectNode();
    header.put("event", "run");
    header.put("format", FORMAT);
    header.put("ids", ids.size());
    header.put("idsSha256", sha256(ids));
    header.put("batchSize", batchSize);
    header.put("batches", batches);
    try {
      Map<Integer, Recorded> recorded = new HashMap<>();
      boolean resuming = Files.exists(path) && Files.size(path) > 0;
      if (resuming) {
        recorded = read(path, header, ids, batchSize);
      }
      RunJournal journal =
          new RunJournal(path, new FileOutputStream(path.toFile(), true), recorded);
      if (resuming) {
        journal.append(JSON.createObjectNode().put("event", "resumed"));
      } else {
        journal.append(header);
      }
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the journal " + path + ": " + e.getMessage(), e);
    }
  }

  /** What the journal held when it was opened, by batch index from 1. */
  Map<Integer, Recorded> recorded() {
    return recorded;
  }

  /** Before a batch is sent: its IDs and key. */
  synchronized void planned(int batch, String key, List<String> ids) {
    ObjectNode e = JSON.createObjectNode().put("event", "planned").put("batch", batch);
    e.put("key", key);
    ArrayNode array = e.putArray("ids");
    ids.forEach(array::add);
    append(e);
  }

  /** A batch Zuora answered with one of the documented outcomes. */
  synchronized void resolved(int batch, ResendResult r) {
    ObjectNode e = JSON.createObjectNode().put("event", "resolved").put("batch", batch);
    e.put("status", r.statusCode());
    r.requestId().ifPresent(id -> e.put("requestId", id));
    ArrayNode accepted = e.putArray("accepted");
    r.accepted().forEach(accepted::add);
    ArrayNode failed = e.putArray("failed");
    for (ResendFailure f : r.failures()) {
      failed.addObject().put("id", f.id()).put("code", f.code()).put("message", f.message());
    }
    append(e);
  }

  /** A batch that ended without a documented outcome, or was never sent. */
  synchronized void unresolved(int batch, String reason, boolean mayHaveBeenResent) {
    append(
        JSON.createObjectNode()
            .put("event", "unresolved")
            .put("batch", batch)
            .put("reason", reason)
            .put("mayHaveBeenResent", mayHaveBeenResent));
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      // everything was forced already
    }
  }

  private void append(ObjectNode event) {
    try {
      out.write((JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8));
      out.getFD().sync();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the journal " + path + ": " + e, e);
    }
  }

  private static Map<Integer, Recorded> read(
      Path path, ObjectNode expected, List<String> ids, int batchSize) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    int end = bytes.length;
    if (bytes[end - 1] != '\n') {
      // A crash mid-write leaves a torn last line: drop it, so the next event starts cleanly.
      int lastNewline = end - 1;
      while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
        lastNewline--;
      }
      end = lastNewline + 1;
      try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
        f.setLength(end);
        f.getFD().sync();
      }
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n");
    if (end == 0 || lines.length == 0) {
      throw new IllegalArgumentException("journal " + path + " has no header line: start anew");
    }
    JsonNode header = parse(path, lines[0], 1);
    if (!"run".equals(header.path("event").asText()) || header.path("format").asInt() != FORMAT) {
      throw new IllegalArgumentException(
          "journal " + path + " is not a journal of this tool (format " + FORMAT + ")");
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
    Map<Integer, Recorded> recorded = new HashMap<>();
    int batches = header.path("batches").asInt();
    for (int i = 1; i < lines.length; i++) {
      JsonNode e = parse(path, lines[i], i + 1);
      String event = e.path("event").asText();
      if (event.equals("resumed")) {
        continue;
      }
      int batch = e.path("batch").asInt(-1);
      if (batch < 1 || batch > batches) {
        throw corrupt(path, i + 1, "no valid batch number");
      }
      switch (event) {
        case "planned" -> {
          List<String> planned = strings(e.path("ids"));
          if (!planned.equals(batchIds(ids, batchSize, batch))) {
            throw corrupt(path, i + 1, "batch " + batch + " holds other IDs than this run's");
          }
          recorded.put(batch, new Recorded(e.path("key").asText(), null));
        }
        case "resolved" -> {
          Recorded r = recorded.get(batch);
          if (r == null) {
            throw corrupt(path, i + 1, "batch " + batch + " resolved before it was planned");
          }
          recorded.put(batch, new Recorded(r.key(), result(e, r.key())));
        }
        case "unresolved" -> {
          Recorded r = recorded.get(batch);
          if (r != null) {
            recorded.put(batch, new Recorded(r.key(), null)); // to be sent again, same key
          }
        }
        default -> throw corrupt(path, i + 1, "unknown event '" + event + "'");
      }
    }
    return recorded;
  }

  private static ResendResult result(JsonNode e, String key) {
    List<ResendFailure> failures = new ArrayList<>();
    for (JsonNode f : e.path("failed")) {
      failures.add(
          new ResendFailure(
              f.path("id").asText(), f.path("code").asText(), f.path("message").asText()));
    }
    return ResendResult.builder()
        .accepted(strings(e.path("accepted")))
        .failures(failures)
        .statusCode(e.path("status").asInt())
        .requestId(e.hasNonNull("requestId") ? e.get("requestId").asText() : null)
        .idempotencyKey(key)
        .build();
  }

  static List<String> batchIds(List<String> ids, int batchSize, int batch) {
    return ids.subList((batch - 1) * batchSize, Math.min(ids.size(), batch * batchSize));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>(array.size());
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode parse(Path path, String line, int number) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw corrupt(path, number, "not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw corrupt(path, number, "not JSON");
    }
  }

  private static IllegalArgumentException corrupt(Path path, int line, String what) {
    return new IllegalArgumentException(
        "journal " + path + " is corrupt at line " + line + " (" + what + "): nothing was sent");
  }

  private static String sha256(List<String> ids) {
    MessageDigest sha = BatchKeys.sha256();
    for (String id : ids) {
      sha.update(id.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
