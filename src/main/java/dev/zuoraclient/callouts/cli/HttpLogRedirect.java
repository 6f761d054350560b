package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.internal.RedactingLogger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * For {@code -v}: sends the library's HTTP log lines to a {@link LogSink} (stderr or the {@code
 * --log-file}) for the length of the run, each stamped with the time it was logged, then puts the
 * logger back as it was and closes the file.
 *
 * <p>The library logs through {@link System.Logger} under the name {@value #LOGGER_NAME} (see
 * {@link dev.zuoraclient.callouts.HttpLogLevel}); with no other logging backend, as in the CLI jar,
 * that is {@code java.util.logging}. Its own console handler would write to the {@code System.err}
 * of JVM start, not to the run's stream, and in a two-line format; hence this handler. The library
 * never logs the {@code Authorization} header, a token or a secret.
 */
final class HttpLogRedirect implements AutoCloseable {
  static final String LOGGER_NAME = RedactingLogger.LOGGER_NAME;

  // Held for the run: java.util.logging keeps loggers weakly, and a collected one loses its level.
  private final Logger logger = Logger.getLogger(LOGGER_NAME);
  private final Level previousLevel = logger.getLevel();
  private final boolean previousUseParentHandlers = logger.getUseParentHandlers();
  private final Handler handler;
  private final LogSink sink;

  private HttpLogRedirect(LogSink sink) {
    this.sink = sink;
    this.handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            sink.line(record.getInstant(), record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.setLevel(Level.INFO);
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  /** Starts sending HTTP log lines to {@code sink}, which {@link #close} closes. */
  static HttpLogRedirect to(LogSink sink) {
    return new HttpLogRedirect(sink);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(previousUseParentHandlers);
    logger.setLevel(previousLevel);
    sink.close();
  }
}
