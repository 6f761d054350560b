package dev.zuoraclient.callouts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The failed callouts {@code resend --failed --journal FILE} found, kept beside the journal in
 * {@code FILE.found}, so that resuming the run resends that same set without querying again, even
 * if Zuora's history changed meanwhile. Written whole before the first batch is sent (to a
 * temporary name, forced to disk, then renamed into place), owner-only; read back with its count
 * and hash checked, and refused, never trusted, when either is wrong.
 *
 * <pre>{@code
 * {"format":1,"query":{"from":"...","to":"...","eventCategories":[],...},"jobId":"...","ids":3,"idsSha256":"..."}
 * "2c92c0f8628a3a0e01628f4a6b2c4d10"
 * ...
 * }</pre>
 */
final class FoundSet {
  static final int FORMAT = 1;
  static final String SUFFIX = ".found";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What was found: the query's values, the job and the IDs in the order they are resent. */
  record Recorded(Query query, String jobId, List<String> ids) {}

  /**
   * The values of a query that decide what it finds.
   *
   * @param to the end of the window as it was when the query ran
   */
  record Query(
      Instant from,
      Instant to,
      List<String> eventCategories,
      List<String> notificationIds,
      List<String> objectIds,
      List<String> accountIds,
      List<Integer> responseCodes,
      boolean includeSuperseded) {
    static Query of(FailedCalloutQuery q) {
      return new Query(
          q.from(),
          q.to(),
          q.eventCategories(),
          q.notificationIds(),
          q.objectIds(),
          q.accountIds(),
          q.responseCodes(),
          q.includeSuperseded());
    }

    /**
     * How {@code given} differs from this recorded query, in words, or "" when it asks for the same
     * callouts. {@code to} counts only when it was given: without it the window ends "now", which
     * on a resume means the time the first run ran.
     */
    String differences(FailedCalloutQuery given, boolean toGiven) {
      List<String> out = new ArrayList<>();
      differ(out, "--from", from, given.from());
      if (toGiven) {
        differ(out, "--to", to, given.to());
      }
      differ(out, "--event-category", set(eventCategories), set(given.eventCategories()));
      differ(out, "--notification-id", set(notificationIds), set(given.notificationIds()));
      differ(out, "--object-id", set(objectIds), set(given.objectIds()));
      differ(out, "--account-id", set(accountIds), set(given.accountIds()));
      differ(out, "--response-code", set(responseCodes), set(given.responseCodes()));
      differ(out, "--include-superseded", includeSuperseded, given.includeSuperseded());
      return String.join("; ", out);
    }

    private static <T extends Comparable<T>> TreeSet<T> set(List<T> values) {
      return new TreeSet<>(values);
    }

    private static void differ(List<String> out, String option, Object recorded, Object given) {
      if (!Objects.equals(recorded, given)) {
        out.add(option + " was " + recorded + ", now " + given);
      }
    }
  }

  /** Why a found set cannot be used; the file is left as it is. */
  static final class Damaged extends Exception {
    private static final long serialVersionUID = 1L;

    Damaged(Path file, String why) {
      super(file + " cannot be used: " + why);
    }
  }

  private FoundSet() {}

  /** The found set of {@code journal}. */
  static Path of(Path journal) {
    return journal.resolveSibling(journal.getFileName() + SUFFIX);
  }

  /**
   * Writes {@code ids} and the query that found them to {@code file}, which must not exist yet:
   * whole or not at all.
   */
  static void write(Path file, Query query, String jobId, List<String> ids) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    Files.deleteIfExists(temp);
    createOwnerOnly(temp);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream stream = java.nio.channels.Channels.newOutputStream(channel);
          BufferedWriter out =
              new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
        out.write(JSON.writeValueAsString(header(query, jobId, ids)));
        out.write('\n');
        for (String id : ids) {
          out.write(JSON.writeValueAsString(id));
          out.write('\n');
        }
        out.flush();
        channel.force(true);
      }
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString());
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void createOwnerOnly(Path p) throws IOException {
    try {
      Files.createFile(
          p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(p);
    }
  }

  private static ObjectNode header(Query q, String jobId, List<String> ids) {
    ObjectNode h = JSON.createObjectNode();
    h.put("format", FORMAT);
    ObjectNode query = h.putObject("query");
    query.put("from", q.from().toString()).put("to", q.to().toString());
    strings(query.putArray("eventCategories"), q.eventCategories());
    strings(query.putArray("notificationIds"), q.notificationIds());
    strings(query.putArray("objectIds"), q.objectIds());
    strings(query.putArray("accountIds"), q.accountIds());
    ArrayNode codes = query.putArray("responseCodes");
    q.responseCodes().forEach(codes::add);
    query.put("includeSuperseded", q.includeSuperseded());
    h.put("jobId", jobId);
    h.put("ids", ids.size());
    h.put("idsSha256", sha256(ids));
    return h;
  }

  private static void strings(ArrayNode into, List<String> values) {
    values.forEach(into::add);
  }

  /** Reads {@code file} back, checking that it is whole and unchanged. */
  static Recorded read(Path file) throws IOException, Damaged {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null) {
        throw new Damaged(file, "it is empty");
      }
      JsonNode h;
      try {
        h = JSON.readTree(first);
      } catch (IOException e) {
        throw new Damaged(file, "its first line is not the header this tool writes");
      }
      if (h == null || h.path("format").asInt(-1) != FORMAT || !h.path("query").isObject()) {
        throw new Damaged(file, "its first line is not the header this tool writes");
      }
      long count = h.path("ids").asLong(-1);
      List<String> ids = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode id;
        try {
          id = JSON.readTree(line);
        } catch (IOException e) {
          throw new Damaged(file, "line " + (ids.size() + 2) + " is not an ID");
        }
        if (id == null || !id.isTextual()) {
          throw new Damaged(file, "line " + (ids.size() + 2) + " is not an ID");
        }
        ids.add(id.textValue());
      }
      if (ids.size() != count) {
        throw new Damaged(file, "it holds " + ids.size() + " IDs; its header says " + count);
      }
      if (!sha256(ids).equals(h.path("idsSha256").asText())) {
        throw new Damaged(file, "its IDs were changed since it was written");
      }
      return new Recorded(query(file, h.path("query")), h.path("jobId").asText(""), ids);
    }
  }

  private static Query query(Path file, JsonNode q) throws Damaged {
    try {
      return new Query(
          Instant.parse(q.path("from").asText()),
          Instant.parse(q.path("to").asText()),
          strings(q.path("eventCategories")),
          strings(q.path("notificationIds")),
          strings(q.path("objectIds")),
          strings(q.path("accountIds")),
          ints(q.path("responseCodes")),
          q.path("includeSuperseded").asBoolean());
    } catch (DateTimeParseException e) {
      throw new Damaged(file, "its query's window is not readable");
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return List.copyOf(out);
  }

  static String sha256(List<String> ids) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (String id : ids) {
        d.update(id.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
