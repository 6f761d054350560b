package dev.zuoraclient.callouts.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One in-process run of the command, with what it printed.
 *
 * @param status the exit status
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CliRun(int status, String out, String err) {

  static CliRun run(Map<String, String> env, String... args) {
    return run(env, new ByteArrayInputStream(new byte[0]), args);
  }

  static CliRun run(Map<String, String> env, InputStream stdin, String... args) {
    return run(env, stdin, new ByteArrayOutputStream(), args);
  }

  /** With a caller's stderr sink, for tests that act on what the command reports there. */
  static CliRun run(
      Map<String, String> env, InputStream stdin, OutputStream errSink, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream errCopy = new ByteArrayOutputStream();
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            errCopy.write(b);
            errSink.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws java.io.IOException {
            errCopy.write(b, off, len);
            errSink.write(b, off, len);
          }
        };
    int status =
        Main.run(
            args,
            stdin,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(tee, true, StandardCharsets.UTF_8),
            env);
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), errCopy.toString(StandardCharsets.UTF_8));
  }

  /** A command line written as one string, split at spaces. */
  static String[] words(String line) {
    return line.split(" +");
  }

  /** Everything printed, for assertions that something never appears anywhere. */
  String all() {
    return out + "\n" + err;
  }
}
