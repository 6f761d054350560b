package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.internal.SafeText;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Where the log lines of {@code -v} go: stderr, or the {@code --log-file}. Each line starts with
 * its time in ISO-8601 UTC with milliseconds ({@code 2025-06-01T09:12:03.481Z}) and is written
 * whole and flushed at once, whichever thread logs it, so that {@code tail -f} shows it and a
 * {@code kill -9} loses none.
 */
final class LogSink implements AutoCloseable {
  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Path file;
  private final PrintStream err;

  private LogSink(PrintStream out, Path file, PrintStream err) {
    this.out = out;
    this.file = file;
    this.err = err;
  }

  /** Lines to the run's stderr, which stays open. */
  static LogSink stderr(PrintStream err) {
    return new LogSink(err, null, err);
  }

  /**
   * Lines appended to {@code file}, created readable and writable by its owner only (where the file
   * system has POSIX permissions); an existing file keeps its permissions.
   *
   * @param err where a failure to write the file is reported, at the end of the run
   * @throws IOException when the file cannot be opened, or is not a regular file
   */
  static LogSink file(Path file, PrintStream err) throws IOException {
    checkRegular(file);
    FileAttribute<?>[] ownerOnly =
        file.getFileSystem().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    var channel =
        Files.newByteChannel(
            file,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
            ownerOnly);
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(Channels.newOutputStream(channel)),
            false,
            StandardCharsets.UTF_8);
    return new LogSink(out, file, err);
  }

  /**
   * Refuses what a run could not open as its log, without creating anything (for {@code --dry-run},
   * and before the question a big run asks).
   *
   * @throws IOException saying why
   */
  static void checkWritable(Path file) throws IOException {
    checkRegular(file);
    if (Files.exists(file)) {
      if (!Files.isWritable(file)) {
        throw new AccessDeniedException(file.toString());
      }
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(file.toString());
    }
    if (!Files.isWritable(dir)) {
      throw new AccessDeniedException(file.toString());
    }
  }

  /** One line, stamped with {@code at}. */
  void line(Instant at, String text) {
    synchronized (out) {
      out.println(STAMP.format(at) + " " + text);
      out.flush();
    }
  }

  /** Closes the file (stderr stays open); says so on stderr when some lines were not written. */
  @Override
  public void close() {
    if (file == null) {
      return;
    }
    out.close();
    if (out.checkError()) {
      err.println(
          "warning: some log lines could not be written to --log-file '"
              + SafeText.printable(file.toString())
              + "'.");
    }
  }

  private static void checkRegular(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException("it is a directory");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new IOException("not a regular file (the log goes to stderr without --log-file)");
    }
  }
}
