package dev.zuoraclient.callouts.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;

/**
 * The person at a terminal, for a question before a big run: whether there is one, and what they
 * type. A seam, so that tests answer in place of a person.
 */
interface Terminal {
  /** Whether stdin and stderr are both a terminal: the only case in which a question is asked. */
  boolean interactive();

  /** The next line typed, or null at the end of input. */
  String readLine() throws IOException;

  /**
   * Whether stderr is a terminal that can redraw a line in place (not {@code TERM=dumb}): where a
   * run shows its live status line.
   */
  default boolean stderrIsTerminal() {
    return false;
  }

  /** The terminal's width in columns; {@code $COLUMNS} or 80 when it cannot be told. */
  default int columns() {
    return 80;
  }

  /**
   * Whether stdout is a terminal, where the report's ID tables show only their first rows. False
   * unless an implementation knows better: an in-process run writes to a stream.
   */
  default boolean stdoutIsTerminal() {
    return false;
  }

  /**
   * Shows {@code prompt} once typing is no longer echoed, and returns the next line typed, for a
   * secret, without its line break; null at the end of input, or when this terminal cannot read
   * without echo.
   */
  default String readHidden(String prompt) throws IOException {
    return null;
  }

  /** No terminal: an in-process run, or a JVM whose stdin or stderr is not one. */
  static Terminal none() {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public String readLine() {
        return null;
      }
    };
  }

  /**
   * The JVM's own stdin and stderr. {@code System.console()} cannot tell: on JDK 17 it needs stdin
   * and stdout to be terminals and ignores stderr, so it would never ask when the report goes to a
   * file ({@code --output json > report.json}), and would ask when stderr, where the question goes,
   * is not a terminal. A shell's {@code [ -t 0 ] && [ -t 2 ]}, given the same stdin and stderr,
   * tells; where there is no shell, {@code System.console()} is the fallback.
   */
  static Terminal system(InputStream stdin) {
    return new Terminal() {
      /** What {@link #shell} returns for a test that failed, or a shell that cannot be run. */
      private static final String FAILED = new String("failed");

      private static final String NO_SHELL = new String("no shell");

      private BufferedReader reader;

      private Boolean interactive;
      private Boolean stdoutIsTerminal;
      private Boolean stderrIsTerminal;

      @Override
      public synchronized boolean interactive() {
        if (interactive == null) {
          String ran =
              shell(
                  new ProcessBuilder("sh", "-c", "[ -t 0 ] && [ -t 2 ]")
                      .redirectInput(ProcessBuilder.Redirect.INHERIT)
                      .redirectError(ProcessBuilder.Redirect.INHERIT)
                      .redirectOutput(ProcessBuilder.Redirect.DISCARD));
          interactive = ran == NO_SHELL ? System.console() != null : ran != FAILED;
        }
        return interactive;
      }

      /** A shell's {@code [ -t 1 ]}, given this JVM's stdout, as for {@link #interactive()}. */
      @Override
      public synchronized boolean stdoutIsTerminal() {
        if (stdoutIsTerminal == null) {
          String ran =
              shell(
                  new ProcessBuilder("sh", "-c", "[ -t 1 ]")
                      .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                      .redirectError(ProcessBuilder.Redirect.DISCARD));
          stdoutIsTerminal = ran == NO_SHELL ? System.console() != null : ran != FAILED;
        }
        return stdoutIsTerminal;
      }

      @Override
      public synchronized boolean stderrIsTerminal() {
        if (stderrIsTerminal == null) {
          stderrIsTerminal =
              !"dumb".equals(System.getenv("TERM"))
                  && shell(inherited("[ -t 2 ]", ProcessBuilder.Redirect.DISCARD)) != FAILED;
        }
        return stderrIsTerminal;
      }

      @Override
      public int columns() {
        String stty = shell(inherited("stty size < /dev/tty", ProcessBuilder.Redirect.PIPE));
        if (stty != FAILED && stty != NO_SHELL) {
          String[] rowsAndColumns = stty.trim().split("\\s+");
          if (rowsAndColumns.length == 2 && rowsAndColumns[1].matches("[0-9]{1,4}")) {
            int columns = Integer.parseInt(rowsAndColumns[1]);
            if (columns > 0) {
              return columns;
            }
          }
        }
        // A pseudo-terminal may have no size set (0 0): the shell's idea, else the usual width.
        String env = System.getenv("COLUMNS");
        return env != null && env.matches("[1-9][0-9]{0,3}") ? Integer.parseInt(env) : 80;
      }

      private ProcessBuilder inherited(String command, ProcessBuilder.Redirect stdout) {
        return new ProcessBuilder("sh", "-c", command)
            .redirectInput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectOutput(stdout);
      }

      /**
       * Runs a shell test: what it printed (when its stdout is a pipe; else "") when it succeeded,
       * {@link #FAILED} when it failed or took too long, {@link #NO_SHELL} when there is no shell.
       * An interrupt of the calling thread (Ctrl-C stops a run that way, and the report that
       * follows asks whether stdout is a terminal) is set aside for the test and kept.
       */
      private String shell(ProcessBuilder test) {
        boolean interrupted = Thread.interrupted();
        try {
          Process p = test.start();
          String printed =
              test.redirectOutput() == ProcessBuilder.Redirect.PIPE
                  ? new String(p.getInputStream().readNBytes(64), Charset.defaultCharset())
                  : "";
          if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return FAILED;
          }
          return p.exitValue() == 0 ? printed : FAILED;
        } catch (IOException e) {
          return NO_SHELL;
        } catch (InterruptedException e) {
          interrupted = true; // a second signal: the command is being stopped
          return FAILED;
        } finally {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
      }

      @Override
      public String readLine() throws IOException {
        if (reader == null) {
          reader = new BufferedReader(new InputStreamReader(stdin, Charset.defaultCharset()));
        }
        return reader.readLine();
      }

      @Override
      public String readHidden(String prompt) throws IOException {
        return HiddenInput.readLine(prompt, System.err);
      }
    };
  }
}
