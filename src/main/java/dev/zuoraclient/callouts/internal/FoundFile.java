package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.history.FailedCallout;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.FailedCallouts;
import dev.zuoraclient.callouts.history.FindSummary;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failed callouts a find kept, in a temporary file of their own compact format (written once
 * the result file was read whole and checked), read back by each iteration. Owner-only; deleted by
 * {@link #close()}.
 */
final class FoundFile implements FailedCallouts {
  private final FailedCalloutQuery query;
  private final FindSummary summary;
  private final Path file;
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  FoundFile(FailedCalloutQuery query, FindSummary summary, Path file) {
    this.query = query;
    this.summary = summary;
    this.file = file;
  }

  /** A new, owner-only temporary file for a find's rows. */
  static Path createFile() throws IOException {
    Path p;
    try {
      p =
          Files.createTempFile(
              "zuora-failed-callouts-",
              ".bin",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      p = Files.createTempFile("zuora-failed-callouts-", ".bin"); // no POSIX permissions here
    }
    p.toFile().deleteOnExit();
    return p;
  }

  /** Writes rows in the format {@link #iterator()} reads. */
  static final class Writer implements Closeable {
    private final DataOutputStream out;

    Writer(Path file) throws IOException {
      this.out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void write(FailedCallout c) throws IOException {
      string(c.id());
      out.writeLong(c.createTime().getEpochSecond());
      out.writeInt(c.createTime().getNano());
      out.writeInt(c.responseCode());
      string(c.eventCategory().orElse(null));
      string(c.notificationId().orElse(null));
      string(c.objectId().orElse(null));
      string(c.accountId().orElse(null));
      Instant later = c.succeededLaterAt().orElse(null);
      out.writeBoolean(later != null);
      if (later != null) {
        out.writeLong(later.getEpochSecond());
        out.writeInt(later.getNano());
      }
    }

    private void string(String s) throws IOException {
      if (s == null) {
        out.writeInt(-1);
        return;
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  @Override
  public FailedCalloutQuery query() {
    return query;
  }

  @Override
  public FindSummary summary() {
    return summary;
  }

  @Override
  public Iterator<FailedCallout> iterator() {
    if (closed) {
      throw new IllegalStateException("the failed callouts were closed");
    }
    DataInputStream in;
    try {
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the failed callouts' file " + file, e);
    }
    open.add(in);
    return new Iterator<>() {
      private long left = summary.found();

      @Override
      public boolean hasNext() {
        if (left == 0) {
          release();
        }
        return left > 0;
      }

      @Override
      public FailedCallout next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          FailedCallout c = read(in);
          left--;
          return c;
        } catch (IOException e) {
          release();
          throw new UncheckedIOException("could not read the failed callouts' file " + file, e);
        }
      }

      private void release() {
        if (open.remove(in)) {
          closeQuietly(in);
        }
      }
    };
  }

  private static FailedCallout read(DataInputStream in) throws IOException {
    String id = string(in);
    Instant created = Instant.ofEpochSecond(in.readLong(), in.readInt());
    int code = in.readInt();
    String category = string(in);
    String notification = string(in);
    String object = string(in);
    String account = string(in);
    Instant later = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    if (id == null) {
      throw new EOFException("a row without an ID");
    }
    return new FailedCallout(id, created, code, category, notification, object, account, later);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closed = true;
    for (Closeable c : open) {
      closeQuietly(c);
    }
    open.clear();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // deleteOnExit still has it
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }

  @Override
  public String toString() {
    return "FailedCallouts[" + summary.found() + " found, query=" + query + "]";
  }
}
