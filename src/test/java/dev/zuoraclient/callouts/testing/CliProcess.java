package dev.zuoraclient.callouts.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line's {@code resend} as an operator runs it: a JVM of its own. */
public final class CliProcess {
  private CliProcess() {}

  /**
   * {@code java ... Main resend --base-url URL ARGS}, on this test run's class path, with {@code
   * ZUORA_ACCESS_TOKEN} set to {@code token}; the caller redirects and starts it.
   */
  public static ProcessBuilder resend(String baseUrl, String token, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:-UsePerfData"); // no memory-mapped file of the JVM's own, under a size limit
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.zuoraclient.callouts.cli.Main");
    command.add("resend");
    command.add("--base-url");
    command.add(baseUrl);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("ZUORA_ACCESS_TOKEN", token);
    return pb;
  }

  /** Everything the process writes to stdout, until it closes it. */
  public static String stdout(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
