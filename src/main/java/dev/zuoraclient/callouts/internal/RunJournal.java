package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.JournalPlan;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * {"event":"split","batch":3,"batchSize":2,"into":[41,42,43]}
 * }</pre>
 *
 * <p>A batch is {@code planned} (its IDs and idempotency key) before it is sent, and {@code
 * resolved} or {@code unresolved} when it ends. Resuming keeps every resolved batch as recorded and
 * sends every other planned batch again with its recorded key, so that Zuora replays what it did
 * instead of doing it twice.
 *
 * <p>A resumed run keeps the journal's batches, whatever batch size it was given: the same IDs
 * under the same keys. Only a batch larger than a request may now carry (the spec's limit went down
 * since the journal was written) cannot be sent as it was. When the journal shows it never reached
 * Zuora (never planned, or settled as not sent by every run since it was planned), a {@code split}
 * line replaces it by batches of the run's size, numbered after the last, which get new keys. When
 * it may have reached Zuora, the journal is refused, naming the batch and its IDs: new keys could
 * resend them a second time.
 *
 * <p>The journal is a write-ahead log, and keeps a log's promises:
 *
 * <ul>
 *   <li><b>One writer.</b> The run holds an exclusive lock on the file for as long as it is open; a
 *       second run on the same file, in this process or another, is refused before it sends
 *       anything.
 *   <li><b>Nothing read back is trusted.</b> A journal written for another ID list, or with a line
 *       that does not fit this run ({@link JournalReader}), is refused before anything is sent, and
 *       left as it is. A torn last line, which a crash mid-write leaves, is dropped, but only from
 *       a file whose first line shows it is this run's journal: a file that is not a journal of
 *       this tool is never modified.
 *   <li><b>A failed write is final.</b> When an event cannot be written (a full disk, say), the
 *       journal writes nothing more (a line after a torn one would corrupt the file) and says so
 *       through {@link #failure()}; the run stops starting batches. What the journal holds up to
 *       then is still safe to resume: a batch is sent only after its planned line is on disk.
 *   <li><b>Owner-only.</b> It holds IDs, keys and Zuora's messages: a new journal is created
 *       readable and writable by its owner alone where the file system has POSIX permissions.
 * </ul>
 */
final class RunJournal implements AutoCloseable {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Larger than the journal of any run this tool makes (millions of IDs); more is not ours. */
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8L;

  /** What an existing journal says about one batch. */
  record Recorded(String key, ResendResult resolved) {}

  /** The journals runs of this process hold, by file key: see {@link #hold}. */
  private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

  /** More than any header line (a path-free line of a few numbers and a hash). */
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private final Path path;
  private final Object held;
  // Written through the file's descriptor, not a FileChannel: an interrupt of a thread writing to a
  // channel closes the channel, and an interrupt is exactly when the journal must keep working. The
  // channel only takes the lock, which no interrupt can reach.
  private final RandomAccessFile file;
  private final FileLock lock;
  private final JournalReader.State state;
  private int[] numbers; // the journal's number of each batch of the run; set before it runs
  private volatile UncheckedIOException failure; // written under this, read without

  private RunJournal(
      Path path, Object held, RandomAccessFile file, FileLock lock, JournalReader.State state) {
    this.path = path;
    this.held = held;
    this.file = file;
    this.lock = lock;
    this.state = state;
    layOut();
  }

  private void layOut() {
    numbers = state.live().stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Opens the journal of a run over {@code ids} in batches of {@code batchSize}: a new one, or an
   * existing one to resume, whose batches the run then takes (see the class comment). The file
   * stays locked until {@link #close()}.
   *
   * @param maxBatchSize the most IDs a request may carry now
   * @throws IllegalArgumentException when an existing file is not a journal, belongs to another
   *     run, has a line that does not fit this one, or holds a batch too large to send that may
   *     have reached Zuora
   * @throws IllegalStateException when another run holds the journal
   * @throws UncheckedIOException when the file cannot be created, locked, read or written
   */
  static RunJournal open(Path path, List<String> ids, int batchSize, int maxBatchSize) {
    ObjectNode header = header(ids, batchSize);
    Object held = null;
    RandomAccessFile file = null;
    try {
      held = hold(path);
      file = new RandomAccessFile(path.toFile(), "rw");
      FileLock lock = lock(path, file);
      byte[] headerLine = line(header);
      int end = checkHead(path, file, headerLine, header, ids);
      JournalReader.State state = new JournalReader.State(ids, batchSize);
      List<Integer> toSplit = List.of();
      boolean resuming = end > 0;
      if (resuming) {
        if (file.length() > MAX_BYTES) {
          throw new IllegalArgumentException(
              "journal " + path + " is larger than any journal of this tool: use a new one");
        }
        byte[] bytes = new byte[(int) file.length()];
        file.seek(0);
        file.readFully(bytes);
        end = lastNewline(bytes) + 1;
        state =
            JournalReader.read(
                path, new String(bytes, 0, end, StandardCharsets.UTF_8), header, ids);
        toSplit = tooLarge(path, state, maxBatchSize);
      }
      if (end < file.length()) {
        // A crash mid-write leaves a torn last line: drop it, so the next event starts cleanly.
        file.setLength(end);
        file.getFD().sync();
      }
      file.seek(end);
      RunJournal writer = new RunJournal(path, held, file, lock, state);
      // The resumed line first: the reader closes the last run's lines there, and a split needs
      // them closed to show the batch was not sent.
      if (!writer.append(resuming ? JSON.createObjectNode().put("event", "resumed") : header)) {
        throw writer.failure;
      }
      for (int batch : toSplit) {
        List<Integer> into = state.split(batch, batchSize);
        ObjectNode e = JSON.createObjectNode().put("event", "split").put("batch", batch);
        e.put("batchSize", batchSize);
        into.forEach(e.putArray("into")::add);
        if (!writer.append(e)) {
          throw writer.failure;
        }
      }
      writer.layOut();
      file = null; // the journal owns them now
      held = null;
      return writer;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot use the journal " + path + ": " + FileErrors.describe(e), e);
    } finally {
      closeQuietly(file);
      if (held != null) {
        HELD.remove(held);
      }
    }
  }

  /** The first line of the journal of a run over {@code ids}. */
  private static ObjectNode header(List<String> ids, int batchSize) {
    ObjectNode header = JSON.createObjectNode();
    header.put("event", "run");
    header.put("format", FORMAT);
    header.put("ids", ids.size());
    header.put("idsSha256", sha256(ids));
    header.put("batchSize", batchSize);
    header.put("batches", (ids.size() + batchSize - 1) / batchSize);
    return header;
  }

  /**
   * The journal's unresolved batches that hold more than {@code maxBatchSize} IDs, which a resumed
   * run splits: each must be one that never reached Zuora.
   *
   * @throws IllegalArgumentException naming those that may have, and their IDs
   */
  private static List<Integer> tooLarge(Path path, JournalReader.State state, int maxBatchSize) {
    List<Integer> split = new java.util.ArrayList<>();
    List<String> refused = new java.util.ArrayList<>();
    for (int n : state.live()) {
      Recorded r = state.recorded(n);
      List<String> ids = state.ids(n);
      if (ids.size() <= maxBatchSize || (r != null && r.resolved() != null)) {
        continue;
      }
      if (!state.maybeSent(n)) {
        split.add(n);
        continue;
      }
      refused.add(
          "batch "
              + n
              + " ("
              + ids.size()
              + " IDs, "
              + ids.get(0)
              + " to "
              + ids.get(ids.size() - 1)
              + ", listed on line "
              + state.plannedAt(n)
              + ")");
    }
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException(
          "journal "
              + path
              + " holds batches of "
              + state.batchSize
              + " IDs, more than the "
              + maxBatchSize
              + " a request may now carry, and Zuora may have resent "
              + String.join(", ", refused)
              + " without the journal holding its answer. Sent again in smaller batches, with new"
              + " keys, they could be resent twice; as they were, they are now refused. Nothing was"
              + " sent: finish this run with the version that wrote the journal, or check those IDs"
              + " in Zuora and send the ones not resent with a new journal file");
    }
    return split;
  }

  /**
   * What the journal at {@code path} holds for a run over {@code ids}, read as {@link #open} reads
   * it but without creating, locking or writing anything.
   *
   * @return null when it holds no run yet (no file, an empty one, or a torn header of this run);
   *     else what a run resumed from it does
   * @throws IllegalArgumentException when the file is not a journal, belongs to another run, has a
   *     line that does not fit this one, or holds a batch too large to send that may have reached
   *     Zuora
   * @throws IllegalStateException when a run of this process holds it
   * @throws UncheckedIOException when it cannot be read
   */
  static JournalPlan inspect(Path path, List<String> ids, int batchSize, int maxBatchSize) {
    ObjectNode header = header(ids, batchSize);
    try {
      if (!Files.exists(path)) {
        return null;
      }
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(
            "journal " + path + " is not a regular file: use a new journal file");
      }
      if (Files.size(path) > MAX_BYTES) {
        throw new IllegalArgumentException(
            "journal " + path + " is larger than any journal of this tool: use a new one");
      }
      // Reading opens a descriptor, and closing it would drop the lock of a run of this process
      // on the same file: keep such runs out while reading, as hold() does.
      Object held = reserve(path);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(path);
      } finally {
        HELD.remove(held);
      }
      int end = lastNewline(bytes) + 1;
      if (end == 0) {
        if (isPrefix(bytes, line(header))) {
          return null;
        }
        throw JournalReader.notOurs(path);
      }
      JournalReader.State state =
          JournalReader.read(path, new String(bytes, 0, end, StandardCharsets.UTF_8), header, ids);
      List<Integer> split = tooLarge(path, state, maxBatchSize);
      int journalBatchSize = state.batchSize;
      split.forEach(n -> state.split(n, batchSize));
      List<Integer> live = state.live();
      int resolved =
          (int)
              live.stream()
                  .map(state::recorded)
                  .filter(r -> r != null && r.resolved() != null)
                  .count();
      return new JournalPlan(journalBatchSize, live.size(), resolved, split);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the journal " + path + ": " + FileErrors.describe(e), e);
    }
  }

  /**
   * Checks the first line before anything else is read, so that a large file given by mistake is
   * refused without reading it all.
   *
   * @return where the complete lines end when the first is this run's header (the file is read
   *     whole next); 0 for a new journal: an empty file, or a torn header of this very run (nothing
   *     was sent under it)
   */
  private static int checkHead(
      Path path, RandomAccessFile file, byte[] headerLine, ObjectNode header, List<String> ids)
      throws IOException {
    byte[] head = new byte[(int) Math.min(file.length(), MAX_HEADER_BYTES)];
    file.readFully(head);
    int newline = 0;
    while (newline < head.length && head[newline] != '\n') {
      newline++;
    }
    if (newline < head.length) {
      JournalReader.checkHeader(
          path, new String(head, 0, newline, StandardCharsets.UTF_8), header, ids);
      return newline + 1;
    }
    if (head.length == file.length() && isPrefix(head, headerLine)) {
      return 0;
    }
    throw JournalReader.notOurs(path);
  }

  /**
   * Reserves the journal for this process before any descriptor of it is opened: an OS file lock
   * keeps other processes out, but closing any descriptor of the file drops this process's lock on
   * it, so a second run in this JVM must be refused before it opens one.
   */
  private static Object hold(Path path) throws IOException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "journal " + path + " is not a regular file: use a new journal file");
    }
    if (!Files.exists(path)) {
      try {
        Files.createFile(path, ownerOnly());
      } catch (FileAlreadyExistsException raced) {
        // another run created it first: the lock decides who writes
      }
    }
    return reserve(path);
  }

  /** Reserves an existing journal for this process; see {@link #hold}. */
  private static Object reserve(Path path) throws IOException {
    Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    if (key == null) {
      key = path.toRealPath();
    }
    if (!HELD.add(key)) {
      throw inUse(path, "another run in this program");
    }
    return key;
  }

  private static FileAttribute<?>[] ownerOnly() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private static FileLock lock(Path path, RandomAccessFile file) throws IOException {
    FileLock lock;
    try {
      lock = file.getChannel().tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      lock = null;
    }
    if (lock == null) {
      throw inUse(path, "another run (another terminal, or a job still running)");
    }
    return lock;
  }

  private static IllegalStateException inUse(Path path, String byWhom) {
    return new IllegalStateException(
        "journal "
            + path
            + " is in use by "
            + byWhom
            + ": nothing was sent; wait for that run to end and run this again to resume it, or"
            + " use another journal file for other IDs");
  }

  /** The run's batches, in order: the journal's, or this run's for a new journal. */
  List<List<String>> batches() {
    List<List<String>> out = new java.util.ArrayList<>(numbers.length);
    for (int n : numbers) {
      out.add(state.ids(n));
    }
    return out;
  }

  /** The batch size of the run that wrote the journal (this run's, for a new one). */
  int batchSize() {
    return state.batchSize;
  }

  /** What the journal held when it was opened, by the run's batch index from 1. */
  Map<Integer, Recorded> recorded() {
    Map<Integer, Recorded> out = new HashMap<>();
    for (int b = 0; b < numbers.length; b++) {
      Recorded r = state.recorded(numbers[b]);
      if (r != null) {
        out.put(b + 1, r);
      }
    }
    return out;
  }

  /** Why the journal stopped writing, if a write failed. */
  Optional<UncheckedIOException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Before a batch is sent: its IDs and key.
   *
   * @return false when the line is not on disk: the batch must not be sent
   */
  synchronized boolean planned(int batch, String key, List<String> ids) {
    ObjectNode e = JSON.createObjectNode().put("event", "planned").put("batch", numbers[batch - 1]);
    e.put("key", key);
    ArrayNode array = e.putArray("ids");
    ids.forEach(array::add);
    return append(e);
  }

  /**
   * A batch Zuora answered with one of the documented outcomes.
   *
   * @return false when the line is not on disk
   */
  synchronized boolean resolved(int batch, ResendResult r) {
    ObjectNode e =
        JSON.createObjectNode().put("event", "resolved").put("batch", numbers[batch - 1]);
    e.put("status", r.statusCode());
    r.requestId().ifPresent(id -> e.put("requestId", id));
    ArrayNode accepted = e.putArray("accepted");
    r.accepted().forEach(accepted::add);
    ArrayNode failed = e.putArray("failed");
    for (ResendFailure f : r.failures()) {
      failed.addObject().put("id", f.id()).put("code", f.code()).put("message", f.message());
    }
    return append(e);
  }

  /**
   * A batch that ended without a documented outcome, or was never sent.
   *
   * @return false when the line is not on disk
   */
  synchronized boolean unresolved(int batch, String reason, boolean mayHaveBeenResent) {
    return append(
        JSON.createObjectNode()
            .put("event", "unresolved")
            .put("batch", numbers[batch - 1])
            .put("reason", reason)
            .put("mayHaveBeenResent", mayHaveBeenResent));
  }

  /** Releases the lock and closes the file; everything written was forced already. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the file releases it too
    }
    closeQuietly(file);
    HELD.remove(held);
  }

  /** Writes and forces one line; after a failure, writes nothing more. */
  private synchronized boolean append(ObjectNode event) {
    if (failure != null) {
      return false;
    }
    try {
      file.write(line(event));
      file.getFD().sync();
      return true;
    } catch (IOException | RuntimeException e) {
      failure =
          new UncheckedIOException(
              "cannot write the journal "
                  + path
                  + ": "
                  + (e instanceof IOException io ? FileErrors.describe(io) : e.toString()),
              e instanceof IOException io ? io : new IOException(e));
      return false;
    }
  }

  private static byte[] line(ObjectNode event) {
    try {
      return (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int lastNewline(byte[] bytes) {
    int i = bytes.length - 1;
    while (i >= 0 && bytes[i] != '\n') {
      i--;
    }
    return i;
  }

  private static boolean isPrefix(byte[] bytes, byte[] of) {
    return bytes.length < of.length && Arrays.equals(bytes, 0, bytes.length, of, 0, bytes.length);
  }

  private static void closeQuietly(RandomAccessFile file) {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        // nothing more to do
      }
    }
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
