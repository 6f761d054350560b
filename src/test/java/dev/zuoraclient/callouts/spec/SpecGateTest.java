package dev.zuoraclient.callouts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.build.SpecDocument;
import dev.zuoraclient.callouts.build.SpecGate;
import dev.zuoraclient.callouts.build.SpecGate.Break;
import dev.zuoraclient.callouts.build.SpecTool;
import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spec evolution gate's own tests: one per kind of breaking change, each showing the words and
 * the place the build prints, and the changes it lets through. They compare edits of a fixed
 * baseline ({@code src/test/resources/spec-gate/baseline.yaml}), never the spec in {@code
 * openapi/}, so they pass whatever state that spec is in; the gate itself runs on it in the build.
 */
class SpecGateTest {
  static final Path BASELINE = Path.of("src/test/resources/spec-gate/baseline.yaml");
  static final String RESEND = "POST /notifications/callout-histories/resend";
  static final String QUERY_JOB = "GET /query/jobs/{job-id}";

  @TempDir Path tmp;

  private static String baseline() throws IOException {
    return Files.readString(BASELINE);
  }

  private List<Break> breaks(String edited) throws IOException {
    assertThat(edited).as("the edit must have applied").isNotEqualTo(baseline());
    Path file = tmp.resolve("edited.yaml");
    Files.writeString(file, edited);
    return SpecGate.breakingChanges(SpecDocument.read(BASELINE), SpecDocument.read(file));
  }

  /** The spec with one more header parameter on the resend operation. */
  private static String withHeader(String spec, String name, boolean required) {
    return edit(
        spec,
        "        - $ref: '#/components/parameters/ZuoraOrgIds'\n      requestBody:",
        "        - $ref: '#/components/parameters/ZuoraOrgIds'\n"
            + "        - name: "
            + name
            + "\n          in: header\n          required: "
            + required
            + "\n          schema:\n            type: string\n      requestBody:");
  }

  private static String edit(String spec, String from, String to) {
    assertThat(spec).as("the spec holds the text to edit").contains(from);
    return spec.replace(from, to);
  }

  @Test
  void aRemovedOperation() throws IOException {
    String spec = baseline();
    int from = spec.indexOf("  /oauth/token:\n");
    int to = spec.indexOf("\ncomponents:");
    assertThat(breaks(spec.substring(0, from) + spec.substring(to)))
        .contains(new Break("paths", "path /oauth/token removed (or renamed)"));
  }

  @Test
  void aRenamedOperation() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "operationId: POST_ResendCalloutNotifications",
                    "operationId: resendCallouts")))
        .containsExactly(
            new Break(
                RESEND,
                "operation renamed from POST_ResendCalloutNotifications to resendCallouts (the"
                    + " generated method is renamed)"));
  }

  @Test
  void aRenamedPath() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "  /notifications/callout-histories/resend:\n",
                    "  /notifications/callout-histories/replay:\n")))
        .contains(
            new Break(
                "paths", "path /notifications/callout-histories/resend removed (or renamed)"));
  }

  @Test
  void aRemovedStatus() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "        '429':\n          $ref: '#/components/responses/TooManyRequests'\n",
                    "")))
        .containsExactly(
            new Break(RESEND + ", response 429", "status removed (the client handles it)"),
            new Break("POST /oauth/token, response 429", "status removed (the client handles it)"));
  }

  @Test
  void aRemovedOrRenamedResponseProperty() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "        message:\n          type: string\n          description: Zuora's"
                        + " error message.",
                    "        text:\n          type: string\n          description: Zuora's"
                        + " error message.")))
        .contains(
            new Break(
                RESEND + ", response 202, application/json, each value, property message",
                "removed (or renamed; the client reads it)"));
  }

  @Test
  void aRemovedServer() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "  - url: https://rest.ap.zuora.com\n    description: APAC Production\n"
                        + "    x-enum-name: APAC_PRODUCTION\n",
                    "")))
        .containsExactly(
            new Break("servers", "server https://rest.ap.zuora.com (APAC Production) removed"));
  }

  @Test
  void aPropertyWhoseTypeChanged() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "        code:\n          type: string\n          description: Zuora's error"
                        + " code.",
                    "        code:\n          type: integer\n          description: Zuora's error"
                        + " code.")))
        .contains(
            new Break(
                RESEND + ", response 400, application/json, each value, property code",
                "type changed from string to integer"));
  }

  @Test
  void aHeaderMadeRequired() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "      name: Idempotency-Key\n      in: header\n      required: false",
                    "      name: Idempotency-Key\n      in: header\n      required: true")))
        .containsExactly(new Break(RESEND + ", request header Idempotency-Key", "made required"));
  }

  @Test
  void aPropertyMadeRequired() throws IOException {
    String spec =
        edit(
            baseline(),
            "      required: [client_id, client_secret, grant_type]\n",
            "      required: [client_id, client_secret, grant_type, scope]\n");
    spec =
        edit(
            spec,
            "          enum: [client_credentials]\n",
            "          enum: [client_credentials]\n        scope:\n          type: string\n");
    assertThat(breaks(spec))
        .containsExactly(
            new Break(
                "POST /oauth/token, request body, application/x-www-form-urlencoded, property"
                    + " scope",
                "new and required"));
  }

  @Test
  void anOptionalPropertyMadeRequired() throws IOException {
    String withScope =
        edit(
            baseline(),
            "          enum: [client_credentials]\n",
            "          enum: [client_credentials]\n        scope:\n          type: string\n");
    String scopeRequired =
        edit(
            withScope,
            "      required: [client_id, client_secret, grant_type]\n",
            "      required: [client_id, client_secret, grant_type, scope]\n");
    Path before = tmp.resolve("before.yaml");
    Path after = tmp.resolve("after.yaml");
    Files.writeString(before, withScope);
    Files.writeString(after, scopeRequired);

    assertThat(SpecGate.breakingChanges(SpecDocument.read(before), SpecDocument.read(after)))
        .containsExactly(
            new Break(
                "POST /oauth/token, request body, application/x-www-form-urlencoded, property"
                    + " scope",
                "made required"));
  }

  @Test
  void aNewRequiredHeader() throws IOException {
    assertThat(breaks(withHeader(baseline(), "X-Required-Now", true)))
        .containsExactly(new Break(RESEND + ", request header X-Required-Now", "new and required"));
  }

  @Test
  void aTightenedMaxItems() throws IOException {
    assertThat(breaks(edit(baseline(), "      maxItems: 1000", "      maxItems: 500")))
        .containsExactly(
            new Break(
                RESEND + ", request body, application/json",
                "maxItems tightened from 1000 to 500"));
  }

  @Test
  void aTightenedMaxLength() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "        minLength: 1\n        maxLength: 64\n",
                    "        minLength: 1\n        maxLength: 32\n")))
        .containsExactly(
            new Break(
                RESEND + ", request header Zuora-Track-Id", "maxLength tightened from 64 to 32"));
  }

  @Test
  void aChangedPattern() throws IOException {
    assertThat(breaks(edit(baseline(), "pattern: '^[!-~]+$'", "pattern: '^[0-9a-f-]+$'")))
        .containsExactly(
            new Break(
                RESEND + ", request header Idempotency-Key",
                "pattern changed from ^[!-~]+$ to ^[0-9a-f-]+$"));
  }

  @Test
  void aNarrowedEnum() throws IOException {
    assertThat(breaks(edit(baseline(), "        enum: [gzip]", "        enum: [br]")))
        .containsExactly(
            new Break(RESEND + ", request header Content-Encoding", "enum lost [gzip]"));
  }

  @Test
  void aReplacedFailureMapValue() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "      additionalProperties:\n        $ref: '#/components/schemas/ResendFailure'",
                    "      additionalProperties: true")))
        .contains(
            new Break(
                RESEND + ", response 202, application/json, each value",
                "type changed from object to true"));
  }

  @Test
  void aRenamedServerConstant() throws IOException {
    assertThat(
            breaks(
                edit(baseline(), "    x-enum-name: EU_PRODUCTION\n", "    x-enum-name: EU_PROD\n")))
        .containsExactly(
            new Break(
                "servers, https://rest.eu.zuora.com",
                "x-enum-name changed from EU_PRODUCTION to EU_PROD (the ZuoraEnvironment"
                    + " constant)"));
  }

  @Test
  void aServerConstantTheReleasedSpecDoesNotRecord_cannotPassUnseen() throws IOException {
    Path released = tmp.resolve("released.yaml");
    Files.writeString(
        released, edit(baseline(), "    x-enum-name: EU_PRODUCTION\n", "    description: x\n"));
    Path current = tmp.resolve("current.yaml");
    Files.writeString(
        current,
        edit(baseline(), "    x-enum-name: EU_PRODUCTION\n", "    x-enum-name: EU_PROD\n"));

    assertThat(SpecGate.breakingChanges(SpecDocument.read(released), SpecDocument.read(current)))
        .containsExactly(
            new Break(
                "servers, https://rest.eu.zuora.com",
                "x-enum-name EU_PROD cannot be compared: the released spec records no x-enum-name"
                    + " for this server (record the ZuoraEnvironment constant of the release in"
                    + " openapi/released/)"));
  }

  @Test
  void aBearerSchemeReplacedByAnApiKey() throws IOException {
    assertThat(
            breaks(
                edit(
                    baseline(),
                    "      type: http\n      scheme: bearer\n",
                    "      type: apiKey\n      in: header\n      name: apikey\n")))
        .containsExactly(
            new Break(
                RESEND + ", security",
                "changed from http bearer to apiKey apikey in header (the client authorises as the"
                    + " released spec says)"),
            new Break(
                QUERY_JOB + ", security",
                "changed from http bearer to apiKey apikey in header (the client authorises as the"
                    + " released spec says)"));
  }

  @Test
  void securityRemovedFromTheResendOperation() throws IOException {
    assertThat(breaks(edit(baseline(), "security:\n  - bearerAuth: []\n", "security: []\n")))
        .containsExactly(
            new Break(
                RESEND + ", security",
                "changed from http bearer to none (the client authorises as the released spec"
                    + " says)"),
            new Break(
                QUERY_JOB + ", security",
                "changed from http bearer to none (the client authorises as the released spec"
                    + " says)"));
  }

  @Test
  void securityAddedToTheTokenOperation() throws IOException {
    assertThat(breaks(edit(baseline(), "      security: []\n", "")))
        .containsExactly(
            new Break(
                "POST /oauth/token, security",
                "changed from none to http bearer (the client authorises as the released spec"
                    + " says)"));
  }

  @Test
  void anAlternativeWayToAuthorise_isCompatible() throws IOException {
    String spec =
        edit(
            baseline(),
            "security:\n  - bearerAuth: []\n",
            "security:\n  - bearerAuth: []\n  - apiKeyAuth: []\n");
    spec =
        edit(
            spec,
            "  securitySchemes:\n",
            "  securitySchemes:\n    apiKeyAuth:\n      type: apiKey\n      in: header\n"
                + "      name: apikey\n");
    assertThat(breaks(spec)).isEmpty();
  }

  @Test
  void headersOpenApiIgnores_areIgnored() throws IOException {
    assertThat(breaks(withHeader(baseline(), "Authorization", true))).isEmpty();
  }

  @Test
  void compatibleChanges_passTheGate() throws IOException {
    String spec = withHeader(baseline(), "X-Optional", false);
    spec =
        edit(
            spec,
            "          description: Zuora's error message.\n",
            "          description: Zuora's error message.\n        detail:\n"
                + "          type: string\n");
    spec = edit(spec, "      maxItems: 1000", "      maxItems: 2000");
    spec =
        spec.replaceFirst(
            "            Zuora-Request-Id:\n              \\$ref: '#/components/headers/ZuoraRequestId'\n",
            "            Zuora-Request-Id:\n              \\$ref: '#/components/headers/ZuoraRequestId'\n"
                + "            Zuora-Extra:\n              schema:\n                type: string\n");
    assertThat(spec).contains("Zuora-Extra");
    spec =
        edit(
            spec,
            "        minLength: 1\n        maxLength: 64\n",
            "        minLength: 1\n        maxLength: 100\n");
    spec =
        edit(
            spec,
            "  - url: https://rest.ap.zuora.com\n",
            "  - url: https://rest.example.zuora.com\n    description: A new one\n"
                + "    x-enum-name: NEW_ONE\n  - url: https://rest.ap.zuora.com\n");

    assertThat(breaks(spec)).isEmpty();
  }

  @Test
  void aBreak_failsTheBuildInWords_unlessTheMajorVersionIsRaised() throws IOException {
    String broken = edit(baseline(), "      maxItems: 1000", "      maxItems: 500");
    Path file = tmp.resolve("broken.yaml");
    Files.writeString(file, broken);
    OpenAPI released = SpecDocument.read(BASELINE);

    String verdict = SpecTool.verdict(BASELINE, released, file, SpecDocument.read(file));

    assertThat(verdict)
        .contains("breaks clients of the released spec")
        .contains(
            "  - "
                + RESEND
                + ", request body, application/json: maxItems tightened from 1000 to 500")
        .contains("raise the major version of info.version (now 0.1.0) to 1.0.0");

    Files.writeString(file, edit(broken, "  version: 0.1.0", "  version: 1.0.0"));
    assertThat(SpecTool.verdict(BASELINE, released, file, SpecDocument.read(file))).isNull();
  }

  // ---- the spec step's other refusals: words, never a stack trace ----

  private String refusal(String spec, String libraryVersion) throws Exception {
    Path file = tmp.resolve("spec.yaml");
    Files.writeString(file, spec);
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                SpecTool.main(
                    new String[] {
                      file.toString(),
                      BASELINE.toString(),
                      tmp.resolve("out").toString(),
                      libraryVersion
                    }));
    assertThat(thrown).isInstanceOf(SpecTool.Refusal.class);
    assertThat(thrown.getStackTrace()).as("words only").isEmpty();
    assertThat(thrown.getCause()).isNull();
    return thrown.getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.0.0", "banana", "1.0", "01.0.0"})
  void aBadInfoVersion_isRefusedInWords(String version) throws Exception {
    assertThat(refusal(edit(baseline(), "  version: 0.1.0", "  version: " + version), "0.1.0"))
        .endsWith(
            "spec.yaml: info.version must be a semantic version, MAJOR.MINOR.PATCH such as 1.0.0"
                + " (got '"
                + version
                + "')")
        .startsWith("Spec step: ");
  }

  @Test
  void aMissingMaxItems_isRefusedInWords() throws Exception {
    assertThat(refusal(edit(baseline(), "      maxItems: 1000\n", ""), "0.1.0"))
        .startsWith("Spec step: ")
        .contains("the resend body needs maxItems (at least 1)");
  }

  @Test
  void aSpecMajorAboveTheLibrarys_isRefused_namingBoth() throws Exception {
    String intended =
        edit(
            edit(baseline(), "      maxItems: 1000", "      maxItems: 500"),
            "  version: 0.1.0",
            "  version: 1.0.0");

    assertThat(refusal(intended, "0.1.0-SNAPSHOT"))
        .startsWith("Spec step: the spec's info.version 1.0.0 (")
        .contains(
            "has major version 1, above the library's version 0.1.0-SNAPSHOT (pom.xml, major 0)")
        .contains("<version>1.0.0-SNAPSHOT</version>");
  }

  @Test
  void aSpecMajorEqualToTheLibrarys_passes_andWritesTheRules() throws Exception {
    String intended =
        edit(
            edit(baseline(), "      maxItems: 1000", "      maxItems: 500"),
            "  version: 0.1.0",
            "  version: 1.0.0");
    Path file = tmp.resolve("spec.yaml");
    Files.writeString(file, intended);

    SpecTool.main(
        new String[] {
          file.toString(), BASELINE.toString(), tmp.resolve("out").toString(), "1.0.0-SNAPSHOT"
        });

    assertThat(
            Files.readString(tmp.resolve("out/dev/zuoraclient/callouts/internal/SpecRules.java")))
        .contains("public static final int MAX_IDS = 500;");
  }

  @Test
  void aMalformedLibraryVersion_isRefusedInWords() throws Exception {
    assertThat(refusal(baseline(), "one"))
        .isEqualTo(
            "Spec step: the library's version (pom.xml) must be a semantic version,"
                + " MAJOR.MINOR.PATCH such as 1.0.0 (got 'one')");
  }
}
