package dev.zuoraclient.callouts.build;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the Java that states the spec's rules, so that no rule is typed twice. Four files under
 * {@code target/generated-sources/spec}, one class each writes:
 *
 * <ul>
 *   <li>{@code internal/SpecRules} ({@link SpecRulesSource}): the ID count and ID rule, every
 *       request header's limits, pattern and whether it is required, the response headers; read by
 *       the client and the command line;
 *   <li>{@code internal/BindingCall} ({@link BindingCallSource}): the adapter's call of the
 *       generated method, its arguments chosen by the headers' names;
 *   <li>{@code ZuoraEnvironment} ({@link ZuoraEnvironmentSource}): the public enum of servers;
 *   <li>{@code simulator/SpecLimits} ({@link SpecLimitsSource}): the simulator's limits (it may not
 *       read the library's internals).
 * </ul>
 */
public final class SpecRulesWriter {
  private SpecRulesWriter() {}

  /** Writes the four files under {@code outputDirectory}. */
  public static void write(OpenAPI spec, String specName, Path outputDirectory) throws IOException {
    Operation resend = SpecDocument.resendOperation(spec);
    Path base = outputDirectory.resolve("dev/zuoraclient/callouts");
    writeFile(
        base.resolve("internal/SpecRules.java"), SpecRulesSource.text(spec, specName, resend));
    writeFile(base.resolve("ZuoraEnvironment.java"), ZuoraEnvironmentSource.text(spec));
    writeFile(base.resolve("simulator/SpecLimits.java"), SpecLimitsSource.text(resend));
    writeFile(base.resolve("internal/BindingCall.java"), BindingCallSource.text(resend));
  }

  private static void writeFile(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    if (Files.exists(file) && Files.readString(file).equals(text)) {
      return; // unchanged: keep the time stamp, so the compiler need not redo its work
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
