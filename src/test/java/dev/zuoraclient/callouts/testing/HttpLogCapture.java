package dev.zuoraclient.callouts.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures the library's HTTP log lines (the {@code System.Logger} {@code
 * dev.zuoraclient.callouts.http}, which goes to {@code java.util.logging} here) during each test,
 * at the most verbose level: {@code @RegisterExtension final HttpLogCapture httpLog = new
 * HttpLogCapture();}.
 */
public final class HttpLogCapture implements BeforeEachCallback, AfterEachCallback {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger jul = Logger.getLogger("dev.zuoraclient.callouts.http");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** The lines logged so far in this test, in order; live. */
  public List<String> lines() {
    return lines;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    jul.setLevel(Level.ALL);
    jul.addHandler(capture);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    jul.removeHandler(capture);
  }
}
