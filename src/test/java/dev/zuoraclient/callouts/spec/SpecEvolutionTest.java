package dev.zuoraclient.callouts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * The spec evolution gate: the current spec must stay compatible with the last released one ({@code
 * openapi/released/}), unless the project's major version was raised. The other tests prove the
 * gate catches each kind of breaking change and lets additive ones through.
 */
class SpecEvolutionTest {
  static final Path CURRENT =
      Path.of(System.getProperty("openapi.spec", "openapi/zuora-callout-resend.yaml"));
  static final Path RELEASED =
      Path.of(System.getProperty("openapi.released", "openapi/released/zuora-callout-resend.yaml"));

  @TempDir Path tmp;

  @Test
  void currentSpec_isCompatibleWithTheReleasedOne_unlessTheMajorVersionWasRaised()
      throws IOException {
    ChangedOpenApi diff = OpenApiCompare.fromLocations(RELEASED.toString(), CURRENT.toString());
    int releasedMajor = major(infoVersion(Files.readString(RELEASED)));
    int projectMajor = major(System.getProperty("project.version", "0.0.0"));

    if (diff.isIncompatible() && projectMajor <= releasedMajor) {
      throw new AssertionError(
          "The spec change breaks clients of the released spec (version "
              + infoVersion(Files.readString(RELEASED))
              + "). Make it compatible, or raise the project's major version (README: Changing"
              + " the spec).\n\n"
              + markdown(diff));
    }
  }

  @Test
  void gate_catchesANewRequiredHeader() throws IOException {
    assertIncompatible(
        current()
            .replace(
                "        - $ref: '#/components/parameters/ZuoraOrgIds'\n      requestBody:",
                "        - $ref: '#/components/parameters/ZuoraOrgIds'\n"
                    + "        - name: X-Required-Now\n          in: header\n          required: true\n"
                    + "          schema:\n            type: string\n      requestBody:"));
  }

  @Test
  void gate_catchesAHeaderMadeRequired() throws IOException {
    assertIncompatible(
        current()
            .replace(
                "      name: Zuora-Track-Id\n      in: header\n      required: false",
                "      name: Zuora-Track-Id\n      in: header\n      required: true"));
  }

  @Test
  void gate_catchesARemovedResponsePropertyThatClientsRead() throws IOException {
    assertIncompatible(
        current()
            .replace(
                "      required: [code, message]\n      properties:\n        code:\n          type: string\n          description: Zuora's error code.\n          example: ObjectNotFound\n",
                "      required: [message]\n      properties:\n"));
  }

  @Test
  void gate_catchesAChangedPropertyType() throws IOException {
    assertIncompatible(
        current()
            .replace(
                "        code:\n          type: string\n          description: Zuora's error code.",
                "        code:\n          type: integer\n          description: Zuora's error code."));
  }

  @Test
  void gate_catchesARemovedStatusCode() throws IOException {
    String spec = current();
    int from = spec.indexOf("        '400':\n          description: Every notification failed");
    int to =
        spec.indexOf("        '401':\n          $ref: '#/components/responses/Unauthorized'", from);
    assertIncompatible(spec.substring(0, from) + spec.substring(to));
  }

  @Test
  void gate_letsAnAddedOptionalHeaderAndPropertyThrough() throws IOException {
    String spec =
        current()
            .replace(
                "        - $ref: '#/components/parameters/ZuoraOrgIds'\n      requestBody:",
                "        - $ref: '#/components/parameters/ZuoraOrgIds'\n"
                    + "        - name: X-Optional\n          in: header\n          required: false\n"
                    + "          schema:\n            type: string\n      requestBody:")
            .replace(
                "          description: Zuora's error message.\n          example: Callout history does not exist.\n",
                "          description: Zuora's error message.\n          example: Callout history does not exist.\n"
                    + "        detail:\n          type: string\n");

    ChangedOpenApi diff = compareWithReleased(spec);

    assertThat(diff.isUnchanged()).as("the edit must have applied").isFalse();
    assertThat(diff.isIncompatible()).as(markdown(diff)).isFalse();
  }

  private static String current() throws IOException {
    return Files.readString(CURRENT);
  }

  private ChangedOpenApi compareWithReleased(String newSpec) throws IOException {
    assertThat(newSpec).as("the edit must have applied").isNotEqualTo(current());
    Path changed = tmp.resolve("changed.yaml");
    Files.writeString(changed, newSpec);
    return OpenApiCompare.fromLocations(RELEASED.toString(), changed.toString());
  }

  private void assertIncompatible(String newSpec) throws IOException {
    ChangedOpenApi diff = compareWithReleased(newSpec);
    assertThat(diff.isIncompatible()).as(markdown(diff)).isTrue();
  }

  static String markdown(ChangedOpenApi diff) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      new MarkdownRender().render(diff, w);
    } catch (IOException e) {
      return "(no report: " + e + ")";
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static String infoVersion(String spec) {
    Matcher m = Pattern.compile("(?m)^info:\\n(?:  .*\\n)*?  version: *([^\\s]+)").matcher(spec);
    if (!m.find()) {
      throw new AssertionError("the released spec has no info.version");
    }
    return m.group(1);
  }

  static int major(String version) {
    return Integer.parseInt(version.replaceAll("^(\\d+).*$", "$1"));
  }
}
