package dev.zuoraclient.callouts.build;

import dev.zuoraclient.callouts.build.SpecGate.Break;
import io.swagger.v3.oas.models.OpenAPI;
import java.nio.file.Path;
import java.util.List;

/**
 * The build's spec step, run by Maven in {@code generate-sources} before the OpenAPI Generator:
 * first the evolution gate ({@link SpecGate}) against the released spec, then the check that the
 * library's version says what the spec's says, then the rules the spec states, as Java ({@link
 * SpecRulesWriter}). It reads the specs ({@link SpecDocument}) and words every refusal.
 *
 * <p>{@code SpecTool <spec> <released spec> <output directory> <library version>}. Maven runs it in
 * its own JVM ({@code exec:java}): a refusal is a {@link Refusal}, whose message Maven prints as
 * the build's failure, last and without a stack trace.
 */
public final class SpecTool {
  private SpecTool() {}

  /**
   * Why the spec step stops the build, in words: a breaking change, a version that disagrees, a
   * spec the rules cannot be read from. It carries no stack trace: the words are the whole story.
   */
  public static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message, null, false, false);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new Refusal(
          "usage: SpecTool <spec> <released spec> <output directory> <library version>");
    }
    Path spec = shown(Path.of(args[0]));
    Path released = shown(Path.of(args[1]));
    OpenAPI current = read(spec);
    OpenAPI before = read(released);
    checkVersion(spec, current);
    checkVersion(released, before);
    String verdict = verdict(released, before, spec, current);
    if (verdict != null) {
      throw new Refusal(verdict);
    }
    String mismatch = versionMismatch(spec, current, args[3]);
    if (mismatch != null) {
      throw new Refusal(mismatch);
    }
    if (SpecVersions.majorRaised(before, current)) {
      System.out.println(
          "Spec gate: info.version "
              + current.getInfo().getVersion()
              + " raises the released major version; these breaking changes are intended:");
      SpecGate.breakingChanges(before, current).forEach(b -> System.out.println("  - " + b));
    }
    try {
      SpecRulesWriter.write(current, spec.getFileName().toString(), Path.of(args[2]));
    } catch (IllegalArgumentException e) {
      throw new Refusal("Spec step: " + spec + ": " + e.getMessage());
    }
  }

  private static void checkVersion(Path path, OpenAPI spec) {
    try {
      SpecVersions.major(spec);
    } catch (IllegalArgumentException e) {
      throw new Refusal("Spec step: " + path + ": " + e.getMessage());
    }
  }

  private static OpenAPI read(Path spec) {
    try {
      return SpecDocument.read(spec);
    } catch (IllegalArgumentException e) {
      throw new Refusal("Spec step: " + e.getMessage());
    }
  }

  /**
   * The gate's verdict as the build prints it: {@code null} when the build may go on (no breaking
   * change, or an intended one), else the message that fails it.
   */
  public static String verdict(
      Path releasedPath, OpenAPI released, Path currentPath, OpenAPI current) {
    List<Break> breaks = SpecGate.breakingChanges(released, current);
    if (breaks.isEmpty() || SpecVersions.majorRaised(released, current)) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    out.append("Spec gate: ")
        .append(currentPath)
        .append(" breaks clients of the released spec ")
        .append(releasedPath)
        .append(" (version ")
        .append(released.getInfo().getVersion())
        .append("):\n");
    breaks.forEach(b -> out.append("  - ").append(b).append('\n'));
    out.append(
            "Make the change compatible; or, if the break is intended, raise the major version of"
                + " info.version (now ")
        .append(current.getInfo().getVersion())
        .append(") to ")
        .append(SpecVersions.major(released) + 1)
        .append(".0.0. See docs/contracts-and-spec.md, Changing the spec.");
    return out.toString();
  }

  /**
   * Null when the library's version may carry the spec, else why not: a spec whose major version is
   * above the library's declares a break (or will be released as one) that the library's version
   * does not admit, and a consumer would pick it up with no change of their own. The pom stays the
   * one source of the library's version: the build fails rather than derive it.
   */
  static String versionMismatch(Path specPath, OpenAPI spec, String libraryVersion) {
    int specMajor = SpecVersions.major(spec);
    int libraryMajor;
    try {
      libraryMajor = SpecVersions.major("the library's version (pom.xml)", libraryVersion);
    } catch (IllegalArgumentException e) {
      return "Spec step: " + e.getMessage();
    }
    if (specMajor <= libraryMajor) {
      return null;
    }
    return "Spec step: the spec's info.version "
        + spec.getInfo().getVersion()
        + " ("
        + specPath
        + ") has major version "
        + specMajor
        + ", above the library's version "
        + libraryVersion
        + " (pom.xml, major "
        + libraryMajor
        + "): a consumer would take the spec's break as a compatible upgrade. Raise the library's"
        + " major version to at least "
        + specMajor
        + " in pom.xml (<version>"
        + specMajor
        + ".0.0-SNAPSHOT</version>), or keep the spec's major version at "
        + libraryMajor
        + ". See docs/contracts-and-spec.md, Changing the spec.";
  }

  /** A path as the build shows it: relative to the project when it is inside it. */
  private static Path shown(Path path) {
    Path here = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(here) ? here.relativize(absolute) : path;
  }
}
