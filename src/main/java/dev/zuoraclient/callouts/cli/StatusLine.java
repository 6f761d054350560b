package dev.zuoraclient.callouts.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * One line at the bottom of a terminal, redrawn in place ({@code \r}, then the text, then "erase to
 * the end of the line"), under everything else written to stderr: whatever else is written goes
 * through {@link #stream()}, which erases the line first and draws it again after each complete
 * line of its own, so that notes and logs scroll above it and are never overwritten. Used only when
 * stderr is a terminal.
 */
final class StatusLine {
  private static final String ERASE = "\r\u001b[K";

  private final PrintStream terminal;
  private final int width;
  private final PrintStream stream;
  private final Object lock = new Object();
  private String shown = "";
  private boolean atLineStart = true;

  /**
   * @param terminal stderr, a terminal
   * @param width the terminal's columns: a longer line would wrap, and could not be redrawn
   */
  StatusLine(PrintStream terminal, int width) {
    this.terminal = terminal;
    this.width = Math.max(20, width);
    this.stream = new PrintStream(new Through(), true, Charset.defaultCharset());
  }

  /** Stderr for everything else: each line is written above the status line. */
  PrintStream stream() {
    return stream;
  }

  /** Shows {@code text} (cut to the terminal's width), in place of what was shown. */
  void show(String text) {
    synchronized (lock) {
      String line = fit(text);
      if (line.equals(shown) && atLineStart) {
        return;
      }
      shown = line;
      if (atLineStart) {
        terminal.print(ERASE + line);
        terminal.flush();
      }
    }
  }

  /** Erases the line: the report, or the next note, starts at the start of an empty line. */
  void clear() {
    synchronized (lock) {
      if (!shown.isEmpty() && atLineStart) {
        terminal.print(ERASE);
        terminal.flush();
      }
      shown = "";
    }
  }

  private String fit(String text) {
    int max = width - 1; // the cursor sits after the last character: a full line would wrap
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 3)) + "...";
  }

  /** Writes through to the terminal, with the status line taken down and put back around it. */
  private final class Through extends OutputStream {
    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (len == 0) {
        return;
      }
      synchronized (lock) {
        if (atLineStart && !shown.isEmpty()) {
          terminal.print(ERASE);
        }
        terminal.write(b, off, len);
        atLineStart = b[off + len - 1] == '\n';
        if (atLineStart && !shown.isEmpty()) {
          terminal.print(shown);
        }
        terminal.flush();
      }
    }

    @Override
    public void flush() {
      terminal.flush();
    }
  }
}
