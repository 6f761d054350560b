package dev.zuoraclient.callouts.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes whether {@link Terminal#system} sees a terminal to the file named by its argument. */
final class TerminalProbe {
  private TerminalProbe() {}

  public static void main(String[] args) throws Exception {
    Files.writeString(Path.of(args[0]), Boolean.toString(Terminal.system(System.in).interactive()));
  }
}
