package dev.zuoraclient.callouts.build;

import io.swagger.v3.oas.models.OpenAPI;
import java.nio.file.Path;

/**
 * The build's spec step, run by Maven in {@code generate-sources} before the OpenAPI Generator:
 * first the evolution gate ({@link SpecGate}) against the released spec, then the rules the spec
 * states, as Java ({@link SpecRulesWriter}).
 *
 * <p>{@code SpecTool <spec> <released spec> <output directory>}; exits 1 with the gate's message
 * when the spec breaks clients of the released one.
 */
public final class SpecTool {
  private SpecTool() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: SpecTool <spec> <released spec> <output directory>");
      System.exit(2);
    }
    Path spec = shown(Path.of(args[0]));
    Path released = shown(Path.of(args[1]));
    OpenAPI current = SpecGate.read(spec);
    OpenAPI before = SpecGate.read(released);
    String verdict = SpecGate.verdict(released, before, spec, current);
    if (verdict != null) {
      System.err.println(verdict);
      System.exit(1);
    }
    if (SpecGate.majorRaised(before, current)) {
      System.out.println(
          "Spec gate: info.version "
              + current.getInfo().getVersion()
              + " raises the released major version; these breaking changes are intended:");
      SpecGate.breakingChanges(before, current).forEach(b -> System.out.println("  - " + b));
    }
    SpecRulesWriter.write(current, spec.getFileName().toString(), Path.of(args[2]));
  }

  /** A path as the build shows it: relative to the project when it is inside it. */
  private static Path shown(Path path) {
    Path here = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(here) ? here.relativize(absolute) : path;
  }
}
