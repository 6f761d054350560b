package dev.zuoraclient.callouts.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes whether {@link Terminal#system} sees a terminal to the file named by its first argument;
 * with {@code interrupted} as its second, asks with the thread interrupted (as after Ctrl-C), and
 * writes what stdout is, then whether the interrupt was kept.
 */
final class TerminalProbe {
  private TerminalProbe() {}

  public static void main(String[] args) throws Exception {
    Terminal terminal = Terminal.system(System.in);
    if (args.length > 1 && args[1].equals("interrupted")) {
      Thread.currentThread().interrupt();
      boolean stdout = terminal.stdoutIsTerminal();
      boolean kept = Thread.interrupted();
      Files.writeString(Path.of(args[0]), stdout + " " + kept);
      return;
    }
    Files.writeString(Path.of(args[0]), Boolean.toString(terminal.interactive()));
  }
}
