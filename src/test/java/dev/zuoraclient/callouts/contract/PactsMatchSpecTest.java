package dev.zuoraclient.callouts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.contract.PactSpecValidator.PactInteraction;
import dev.zuoraclient.callouts.pact.PactParticipants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every interaction in the committed pacts must be one the OpenAPI spec allows: a consumer test
 * cannot pin a request or an answer that Zuora's documented contract does not have. The result-file
 * download is held to the storage host's own small spec ({@link PactSpecValidator#storageSpec()}),
 * since that host is not Zuora's API. The last tests prove the check catches a wrong pact.
 */
class PactsMatchSpecTest {
  static final String RESEND_PACT =
      PactParticipants.CONSUMER + "-" + PactParticipants.RESEND_PROVIDER + ".json";
  static final String RESULT_FILE_PACT =
      PactParticipants.CONSUMER + "-" + PactParticipants.QUERY_RESULTS_PROVIDER + ".json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Path, PactSpecValidator> VALIDATORS = new HashMap<>();

  @TempDir Path tmp;

  @BeforeAll
  static void loadSpecs() {
    PactFiles.updateCommittedIfRequested();
    for (Path spec : List.of(PactSpecValidator.spec(), PactSpecValidator.storageSpec())) {
      VALIDATORS.put(spec, new PactSpecValidator(spec));
    }
  }

  private static List<String> errors(PactInteraction i) {
    return VALIDATORS.get(PactSpecValidator.specOf(i.provider())).errors(i.interaction());
  }

  @TestFactory
  Stream<DynamicTest> everyCommittedInteraction_conformsToTheSpec() {
    List<Path> pacts = PactFiles.pactFiles(PactFiles.committed());
    assertThat(pacts).as("pact files in %s", PactFiles.committed()).isNotEmpty();
    return pacts.stream()
        .flatMap(f -> PactSpecValidator.interactions(f).stream())
        .map(i -> DynamicTest.dynamicTest(i.name(), () -> assertConforms(i)));
  }

  private static void assertConforms(PactInteraction i) {
    assertThat(errors(i))
        .as("%s contradicts the spec %s", i.name(), PactSpecValidator.specOf(i.provider()))
        .isEmpty();
  }

  // ---- the check catches a wrong pact ----

  @Test
  void check_catchesAnIntegerCodeInTheFailureMap() throws IOException {
    List<String> errors =
        errorsAfter(
            "a resend of callout histories of which one does not exist",
            interaction -> {
              ObjectNode failures = (ObjectNode) interaction.at("/response/body/content");
              String id = failures.fieldNames().next();
              ((ObjectNode) failures.get(id)).put("code", 50000040);
            });

    assertThat(errors).anyMatch(e -> e.startsWith("validation.response.body.schema.type"));
  }

  @Test
  void check_catchesAnUnknownPath() throws IOException {
    List<String> errors =
        errorsAfter(
            "a resend of callout histories that all exist",
            interaction ->
                ((ObjectNode) interaction.get("request"))
                    .put("path", "/v1/notifications/callout-histories/resend"));

    assertThat(errors).anyMatch(e -> e.startsWith("validation.request.path.missing"));
  }

  @Test
  void check_catchesAResendWithoutAuthorization() throws IOException {
    List<String> errors =
        errorsAfter(
            "a resend of callout histories that all exist",
            interaction -> {
              ((ObjectNode) interaction.at("/request/headers")).remove("Authorization");
              ((ObjectNode) interaction.at("/request/matchingRules/header"))
                  .remove("Authorization");
            });

    assertThat(errors).anyMatch(e -> e.startsWith("validation.request.security.missing"));
  }

  @Test
  void check_catchesAResultFileUrlWithoutItsSignature() throws IOException {
    List<String> errors =
        errorsAfter(
            RESULT_FILE_PACT,
            "a download of a query job's result file",
            interaction -> {
              ((ObjectNode) interaction.at("/request/query")).remove("X-Amz-Signature");
              ((ObjectNode) interaction.at("/request/matchingRules/query"))
                  .remove("X-Amz-Signature");
            });

    assertThat(errors).anyMatch(e -> e.startsWith("validation.request.parameter.query.missing"));
  }

  private List<String> errorsAfter(String description, Consumer<JsonNode> change)
      throws IOException {
    return errorsAfter(RESEND_PACT, description, change);
  }

  /**
   * Writes a copy of a committed pact holding only the named interaction, changed by {@code
   * change}, and returns the spec's errors about it. The unchanged interaction must conform, so
   * that the errors come from the change alone.
   */
  private List<String> errorsAfter(String pactName, String description, Consumer<JsonNode> change)
      throws IOException {
    ObjectNode pact = (ObjectNode) PactFiles.read(PactFiles.committed().resolve(pactName));
    JsonNode interaction = null;
    for (JsonNode i : pact.get("interactions")) {
      if (i.path("description").asText().equals(description)) {
        interaction = i;
      }
    }
    assertThat(interaction).as("interaction '%s' in %s", description, pactName).isNotNull();
    pact.putArray("interactions").add(interaction);
    assertThat(errorsOf(pact, "unchanged.json")).as("errors before the change").isEmpty();

    change.accept(interaction);
    return errorsOf(pact, "changed.json");
  }

  private List<String> errorsOf(ObjectNode pact, String name) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pact));
    List<PactInteraction> interactions = PactSpecValidator.interactions(file);
    assertThat(interactions).hasSize(1);
    return errors(interactions.get(0));
  }
}
