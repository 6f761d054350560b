package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.internal.FileErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code -v}, {@code -vv} and {@code --log-file}: how much of the run's HTTP traffic is logged, and
 * where.
 *
 * <ul>
 *   <li>{@code -v} (or {@code --verbose}): each resend request and its answer, one line each, named
 *       by batch and attempt, the answer with its status, elapsed time and {@code
 *       Zuora-Request-Id}; and every retry or wait, and why ({@link HttpLogLevel#BASIC}).
 *   <li>{@code -vv}: also the headers of both, and the token requests with theirs ({@link
 *       HttpLogLevel#HEADERS}). Never a body: a request holds up to 1000 IDs, which the report and
 *       the journal already have, and a token request's body holds the client secret.
 * </ul>
 *
 * <p>More {@code v}s are {@code -vv}. {@code --log-file} alone means {@code -v}: a file asked for
 * is a log wanted.
 *
 * @param level 0 (nothing), 1 or 2
 * @param file the {@code --log-file}, or null for stderr
 */
record LogOptions(int level, Path file) {
  static final int MAX_LEVEL = 2;

  /**
   * @param verbose how many times {@code -v} was given
   * @param file {@code --log-file}, or null
   */
  static LogOptions of(int verbose, Path file) {
    int level = Math.min(MAX_LEVEL, Math.max(verbose, file == null ? 0 : 1));
    return new LogOptions(level, file);
  }

  /** The log level of the resend client. */
  HttpLogLevel client() {
    return level == 0 ? HttpLogLevel.NONE : level == 1 ? HttpLogLevel.BASIC : HttpLogLevel.HEADERS;
  }

  /** The log level of the token provider: its requests show from {@code -vv} on. */
  HttpLogLevel tokens() {
    return level >= 2 ? HttpLogLevel.HEADERS : HttpLogLevel.NONE;
  }

  /**
   * Why {@code --log-file} cannot be used, without creating it, or null: it is {@code -} (stdout is
   * the report's), names the journal or the IDs file (a log appended to either would ruin it), or
   * could not be opened.
   */
  String refusal(Path journal, String idsFile) {
    if (file == null) {
      return null;
    }
    if (file.toString().equals("-")) {
      return "name a file (without --log-file the log goes to stderr; stdout is the report's)";
    }
    if (same(file, journal)) {
      return "it is the --journal file";
    }
    if (idsFile != null && !"-".equals(idsFile) && same(file, Path.of(idsFile))) {
      return "it is the --ids-file";
    }
    try {
      LogSink.checkWritable(file);
      return null;
    } catch (IOException e) {
      return FileErrors.describe(e);
    }
  }

  /**
   * Where the lines go for the run, or null when nothing is logged.
   *
   * @throws IOException when {@code --log-file} cannot be opened
   */
  LogSink open(PrintStream err) throws IOException {
    if (level == 0) {
      return null;
    }
    return file == null ? LogSink.stderr(err) : LogSink.file(file, err);
  }

  private static boolean same(Path a, Path b) {
    if (b == null) {
      return false;
    }
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // compared by name below
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
