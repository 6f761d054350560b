package dev.zuoraclient.callouts.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A line typed on the JVM's terminal without echo, for a secret.
 *
 * <p>{@code System.console().readPassword()} cannot be the way: on JDK 17 there is no console when
 * stdout is not a terminal ({@code --output json > report.json}), and a JVM stopped by Ctrl-C in
 * the middle of it leaves the terminal without echo (the JDK restores it in a shutdown hook, which
 * the command's stop at once does not run). A small shell turns echo off with {@code stty}, reads
 * the line with {@code head} (so the secret is in no shell variable and on no command line), and
 * puts the terminal back as it was, on Ctrl-C too, on its own: the terminal sends the signal to it
 * as to the JVM. The console is the fallback where there is no shell.
 *
 * <p>Ctrl-C or SIGTERM while the question waits ends the command with 130 or 143, as nothing has
 * been sent.
 */
final class HiddenInput {
  /** More than any secret: the rest of a longer line is not read. */
  private static final int MAX_BYTES = 64 * 1024;

  private static final String SCRIPT =
      "saved=$(stty -g) || exit 1\n"
          + "trap 'stty \"$saved\"; exit 130' INT TERM HUP\n"
          + "stty -echo || exit 1\n"
          + "printf '%s' \"$1\" >&2\n"
          + "head -n 1\n"
          + "status=$?\n"
          + "stty \"$saved\"\n"
          + "exit $status\n";

  private HiddenInput() {}

  /**
   * Shows {@code prompt} on stderr once echo is off (so that nothing typed after it shows), and
   * returns the next line typed on the terminal of the JVM's stdin, without its line break; null at
   * the end of input or when the terminal cannot be read without echo.
   */
  static String readLine(String prompt, PrintStream err) throws IOException {
    Process shell;
    err.flush();
    try {
      shell =
          new ProcessBuilder("sh", "-c", SCRIPT, "sh", prompt)
              .redirectInput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      Console console = System.console();
      char[] typed = console == null ? null : console.readPassword("%s", prompt);
      return typed == null ? null : new String(typed);
    }
    AtomicReference<String> stopped = new AtomicReference<>();
    List<Restore> handlers = onStop(shell, stopped);
    try (InputStream out = shell.getInputStream()) {
      byte[] bytes = out.readNBytes(MAX_BYTES + 1);
      out.transferTo(OutputStream.nullOutputStream()); // the rest of an overlong line
      if (!shell.waitFor(10, TimeUnit.SECONDS)) {
        shell.destroyForcibly();
        return null;
      }
      int status = shell.exitValue();
      if (status == 130 || status == 143) {
        // The terminal signalled the shell and the JVM alike; the JVM's handler may come second.
        for (int i = 0; i < 20 && stopped.get() == null; i++) {
          Thread.sleep(50);
        }
      }
      if (stopped.get() != null) {
        err.println();
        err.println("No secret was given: nothing was sent.");
        err.flush();
        Runtime.getRuntime()
            .halt(stopped.get().equals("TERM") ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED);
      }
      if (status != 0) {
        return null;
      }
      if (bytes.length > MAX_BYTES) {
        throw new IOException("the line typed is longer than " + MAX_BYTES + " bytes");
      }
      String line = new String(bytes, Charset.defaultCharset());
      if (line.isEmpty()) {
        return null; // the end of input, before anything was typed
      }
      return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shell.destroyForcibly();
      return null;
    } finally {
      handlers.forEach(Restore::run);
    }
  }

  private record Restore(Signal signal, SignalHandler previous) implements Runnable {
    @Override
    public void run() {
      Signal.handle(signal, previous);
    }
  }

  /**
   * While the question waits, Ctrl-C or SIGTERM ends the command, once the shell has put the
   * terminal back, so that the next shell prompt finds it echoing. Ctrl-C reaches the shell from
   * the terminal as it reaches the JVM; when a signal was sent to the JVM alone (a {@code kill}),
   * the shell is still waiting a second later, and its {@code head} is ended, after which the shell
   * restores the terminal and ends.
   */
  private static List<Restore> onStop(Process shell, AtomicReference<String> stopped) {
    List<Restore> previous = new ArrayList<>();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal signal = new Signal(name);
        SignalHandler old =
            Signal.handle(
                signal,
                s -> {
                  stopped.set(s.getName());
                  try {
                    // Never kill what restores the terminal: only a shell still waiting after a
                    // second got no signal of its own, and then only its head is ended.
                    if (!shell.waitFor(1, TimeUnit.SECONDS)) {
                      shell
                          .descendants()
                          .filter(h -> h.info().command().orElse("").endsWith("/head"))
                          .forEach(ProcessHandle::destroy);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        previous.add(new Restore(signal, old));
      } catch (IllegalArgumentException e) {
        // this platform has no such signal: its default stays
      }
    }
    return previous;
  }
}
