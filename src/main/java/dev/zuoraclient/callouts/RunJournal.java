package dev.zuoraclient.callouts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * instead of doing it twice.
 *
 * <p>The journal is a write-ahead log, and keeps a log's promises:
 *
 * <ul>
 *   <li><b>One writer.</b> The run holds an exclusive lock on the file for as long as it is open; a
 *       second run on the same file, in this process or another, is refused before it sends
 *       anything.
 *   <li><b>Nothing read back is trusted.</b> A journal written for another ID list or batch size,
 *       or with a line that does not fit this run ({@link JournalReader}), is refused before
 *       anything is sent, and left as it is. A torn last line, which a crash mid-write leaves, is
 *       dropped, but only from a file whose first line shows it is this run's journal: a file that
 *       is not a journal of this tool is never modified.
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

  private final Path path;
  // Written through the file's descriptor, not a FileChannel: an interrupt of a thread writing to a
  // channel closes the channel, and an interrupt is exactly when the journal must keep working. The
  // channel only takes the lock, which no interrupt can reach.
  private final RandomAccessFile file;
  private final FileLock lock;
  private final Map<Integer, Recorded> recorded;
  private UncheckedIOException failure; // guarded by this

  private RunJournal(
      Path path, RandomAccessFile file, FileLock lock, Map<Integer, Recorded> recorded) {
    this.path = path;
    this.file = file;
    this.lock = lock;
    this.recorded = recorded;
  }

  /**
   * Opens the journal of a run over {@code ids} in batches of {@code batchSize}: a new one, or an
   * existing one to resume. The file stays locked until {@link #close()}.
   *
   * @throws IllegalArgumentException when an existing file is not a journal, belongs to another run
   *     or has a line that does not fit this one
   * @throws IllegalStateException when another run holds the journal
   * @throws UncheckedIOException when the file cannot be created, locked, read or written
   */
  static RunJournal open(Path path, List<String> ids, int batchSize, int batches) {
    ObjectNode header = JSON.createObjectNode();
    header.put("event", "run");
    header.put("format", FORMAT);
    header.put("ids", ids.size());
    header.put("idsSha256", sha256(ids));
    header.put("batchSize", batchSize);
    header.put("batches", batches);
    RandomAccessFile file = null;
    try {
      file = lockedFile(path);
      FileLock lock = lock(path, file);
      if (file.length() > MAX_BYTES) {
        throw new IllegalArgumentException(
            "journal " + path + " is larger than any journal of this tool: use a new journal file");
      }
      byte[] bytes = new byte[(int) file.length()];
      file.readFully(bytes);
      byte[] headerLine = line(header);
      Map<Integer, Recorded> recorded = new HashMap<>();
      int end = lastNewline(bytes) + 1;
      boolean resuming = end > 0;
      if (resuming) {
        recorded =
            JournalReader.read(
                path, new String(bytes, 0, end, StandardCharsets.UTF_8), header, ids, batchSize);
      } else if (bytes.length > 0 && !isPrefix(bytes, headerLine)) {
        // One line without its newline: a torn header of this very run (nothing was sent under
        // it) is replaced; anything else is not ours, and stays as it is.
        throw new IllegalArgumentException(
            "journal "
                + path
                + " is not a journal of this tool (format "
                + FORMAT
                + "): it was left as it is; use a new journal file");
      }
      if (end < bytes.length) {
        // A crash mid-write leaves a torn last line: drop it, so the next event starts cleanly.
        file.setLength(end);
        file.getFD().sync();
      }
      file.seek(end);
      RunJournal journal = new RunJournal(path, file, lock, recorded);
      if (!journal.append(resuming ? JSON.createObjectNode().put("event", "resumed") : header)) {
        throw journal.failure;
      }
      file = null; // the journal owns it now
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the journal " + path + ": " + e.getMessage(), e);
    } finally {
      closeQuietly(file);
    }
  }

  /** The file, created owner-only if it is new, and opened for reading and writing. */
  private static RandomAccessFile lockedFile(Path path) throws IOException {
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
    return new RandomAccessFile(path.toFile(), "rw");
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
      throw new IllegalStateException(
          "journal "
              + path
              + " is in use by another run (another terminal, or a job still running): nothing"
              + " was sent; wait for that run to end and run this again to resume it, or use"
              + " another journal file for other IDs");
    }
    return lock;
  }

  /** What the journal held when it was opened, by batch index from 1. */
  Map<Integer, Recorded> recorded() {
    return recorded;
  }

  /** Why the journal stopped writing, if a write failed. */
  synchronized Optional<UncheckedIOException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Before a batch is sent: its IDs and key.
   *
   * @return false when the line is not on disk: the batch must not be sent
   */
  synchronized boolean planned(int batch, String key, List<String> ids) {
    ObjectNode e = JSON.createObjectNode().put("event", "planned").put("batch", batch);
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
    ObjectNode e = JSON.createObjectNode().put("event", "resolved").put("batch", batch);
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
            .put("batch", batch)
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
              "cannot write the journal " + path + ": " + e.getMessage(),
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

  static List<String> batchIds(List<String> ids, int batchSize, int batch) {
    return ids.subList((batch - 1) * batchSize, Math.min(ids.size(), batch * batchSize));
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
