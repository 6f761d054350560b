package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * How many rows of the Failed and Unresolved tables the table report shows, and the files that hold
 * them all when it shows fewer. On a terminal a table shows at most {@link #ON_A_TERMINAL} rows, so
 * that a run of 20,000 IDs does not bury what it says under 20,000 lines; off a terminal (a pipe, a
 * file) every row is printed, as scripts expect, and so with {@code --all-rows}.
 *
 * <p>The full lists go beside the {@code --journal} ({@code FILE.unresolved.txt}, {@code
 * FILE.failed.tsv}, replacing those of an earlier run of the same journal), else into the system's
 * temporary directory under a new name each run. Either way they are readable by their owner only
 * (on POSIX), as the IDs are the tenant's data.
 */
final class RowLimit {
  /** The most rows a table shows on a terminal. */
  static final int ON_A_TERMINAL = 20;

  /** Every row, wherever the report goes. */
  static final RowLimit NONE = new RowLimit(null, null);

  private static final String UNRESOLVED_SUFFIX = ".unresolved.txt";
  private static final String FAILED_SUFFIX = ".failed.tsv";

  private final BooleanSupplier stdoutIsTerminal;
  private final Path tempDir;
  private Boolean capped;

  /**
   * @param stdoutIsTerminal whether the report goes to a terminal; asked once, and only for a table
   *     longer than {@link #ON_A_TERMINAL} rows (finding out may start a process); null: never cut
   * @param tempDir where the lists go for a run without a journal
   */
  RowLimit(BooleanSupplier stdoutIsTerminal, Path tempDir) {
    this.stdoutIsTerminal = stdoutIsTerminal;
    this.tempDir = tempDir;
  }

  /** Tables capped when {@code terminal}'s stdout is a terminal, the lists in the temp dir. */
  static RowLimit onTerminal(Terminal terminal) {
    return new RowLimit(
        terminal::stdoutIsTerminal, Path.of(System.getProperty("java.io.tmpdir", ".")));
  }

  /** Whether a table of {@code rows} rows shows only the first {@link #ON_A_TERMINAL}. */
  boolean cuts(int rows) {
    if (stdoutIsTerminal == null || rows <= ON_A_TERMINAL) {
      return false;
    }
    if (capped == null) {
      capped = stdoutIsTerminal.getAsBoolean();
    }
    return capped;
  }

  /**
   * Writes {@code ids} one per line, as {@code --ids-file} reads them.
   *
   * @param journal the run's {@code --journal}, or null
   * @return the file
   */
  Path writeUnresolved(List<String> ids, String journal) throws IOException {
    return write(
        journal,
        UNRESOLVED_SUFFIX,
        "zuora-resend-unresolved-",
        ".txt",
        w -> {
          for (String id : ids) {
            w.write(id);
            w.newLine();
          }
        });
  }

  /**
   * Writes {@code failures} as tab-separated values under a header line: ID, Zuora's code and
   * message, with tabs, line breaks and other control characters escaped as the table escapes them.
   *
   * @param journal the run's {@code --journal}, or null
   * @return the file
   */
  Path writeFailed(List<ResendFailure> failures, String journal) throws IOException {
    return write(
        journal,
        FAILED_SUFFIX,
        "zuora-resend-failed-",
        ".tsv",
        w -> {
          w.write("id\tcode\tmessage");
          w.newLine();
          for (ResendFailure f : failures) {
            w.write(
                f.id()
                    + '\t'
                    + SafeText.printable(f.code())
                    + '\t'
                    + SafeText.printable(f.message()));
            w.newLine();
          }
        });
  }

  private interface Body {
    void write(BufferedWriter w) throws IOException;
  }

  /**
   * Beside the journal: written to a new file there, then moved over {@code JOURNAL + suffix}, so
   * that the name never holds half a list. Without one: a new file in {@link #tempDir}.
   */
  private Path write(String journal, String suffix, String tempPrefix, String tempSuffix, Body body)
      throws IOException {
    if (journal == null) {
      Path file = Files.createTempFile(tempDir, tempPrefix, tempSuffix, ownerOnly());
      try {
        fill(file, body);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file); // half a list would pass for all of it
        throw e;
      }
      return file.toAbsolutePath();
    }
    Path journalPath = Path.of(journal).toAbsolutePath();
    Path target = journalPath.resolveSibling(journalPath.getFileName() + suffix);
    Path part = Files.createTempFile(target.getParent(), tempPrefix, ".part", ownerOnly());
    try {
      fill(part, body);
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(part);
    }
    return target;
  }

  private static void fill(Path file, Body body) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      body.write(w);
    }
  }

  /** {@code rw-------} where the file system has POSIX permissions; nothing to ask elsewhere. */
  private static FileAttribute<?>[] ownerOnly() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }
}
