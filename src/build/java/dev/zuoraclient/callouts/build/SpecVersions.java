package dev.zuoraclient.callouts.build;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.regex.Pattern;

/** Semantic versions as the spec step reads them: the spec's {@code info.version}, the pom's. */
public final class SpecVersions {
  /** A semantic version: {@code MAJOR.MINOR.PATCH}, optionally with a pre-release and build. */
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})"
              + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

  private SpecVersions() {}

  /**
   * The major version of a semantic version such as {@code 1.4.0} or {@code 0.1.0-SNAPSHOT}.
   *
   * @throws IllegalArgumentException naming {@code what} and the version when it is not one
   */
  public static int major(String what, String version) {
    if (version == null || !SEMVER.matcher(version).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be a semantic version, MAJOR.MINOR.PATCH such as 1.0.0 (got "
              + (version == null ? "none" : "'" + version + "'")
              + ")");
    }
    return Integer.parseInt(version.substring(0, version.indexOf('.')));
  }

  /** The major version of a spec's {@code info.version}. */
  public static int major(OpenAPI spec) {
    return major("info.version", spec.getInfo() == null ? null : spec.getInfo().getVersion());
  }

  /** Whether the spec declares an intended break: its major version is above the released one. */
  public static boolean majorRaised(OpenAPI released, OpenAPI current) {
    return major(current) > major(released);
  }
}
