package dev.zuoraclient.callouts.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version {@code --version} prints: the project's, from the packaged jar's manifest ({@code
 * Implementation-Version}, which the build writes into the command-line jar) or else from the Maven
 * descriptor that the jar plugin puts in the library's jar, so that it can never disagree with the
 * build. {@code BuildArtifactsIT} checks the packaged command line says it.
 */
final class CliVersion implements IVersionProvider {
  static final String NAME = "zuora-callout-resend";

  /** What the command line adds to the library's {@code User-Agent}. */
  static final String USER_AGENT_TOKEN = "cli";

  private static final String POM_PROPERTIES =
      "/META-INF/maven/dev.zuoraclient/zuora-callout-resend/pom.properties";

  @Override
  public String[] getVersion() {
    return new String[] {NAME + " " + version()};
  }

  static String version() {
    String manifest = CliVersion.class.getPackage().getImplementationVersion();
    if (manifest != null && !manifest.isBlank()) {
      return manifest;
    }
    try (InputStream in = CliVersion.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank()) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through: a version is informative, never a reason to fail
    }
    // Classes run from target/classes (tests, an IDE) have no descriptor.
    return "(development build)";
  }
}
