package dev.zuoraclient.callouts.contract;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.pact.PactLevelResolverFactory;
import com.atlassian.oai.validator.pact.PactRequest;
import com.atlassian.oai.validator.pact.PactResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.zuoraclient.callouts.pact.PactParticipants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks pact interactions against the OpenAPI spec: each request must be one the spec allows
 * (path, method, headers, security, body schema) and each response one the spec documents for it
 * (status, headers, body schema).
 *
 * <p>Pact's own levels apply ({@link PactLevelResolverFactory}): a pact may leave out response
 * fields or a response body the consumer does not read, which the spec would call missing. No
 * interaction of ours sends a request the spec forbids (the 401 one sends a well-formed request
 * with a token Zuora no longer accepts), so no request needs whitelisting; an interaction added to
 * prove that Zuora rejects a malformed request would need a whitelist rule here.
 */
final class PactSpecValidator {
  private static final List<String> HTTP_METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final OpenApiInteractionValidator validator;

  PactSpecValidator(Path spec) {
    this.validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(withSecurityPerOperation(spec))
            .withLevelResolver(PactLevelResolverFactory.create())
            .build();
  }

  /**
   * The spec as JSON, with the document's {@code security} copied into every operation that does
   * not declare its own. OpenAPI applies it to those operations anyway, but the validator reads
   * security from the operation alone, so without the copy a resend without {@code Authorization}
   * would pass. An operation's own {@code security}, such as the token endpoint's {@code []},
   * stays.
   */
  static String withSecurityPerOperation(Path spec) {
    try {
      ObjectNode api = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(spec.toFile());
      JsonNode security = api.get("security");
      if (security != null) {
        for (JsonNode pathItem : api.path("paths")) {
          for (String method : HTTP_METHODS) {
            JsonNode operation = pathItem.get(method);
            if (operation instanceof ObjectNode o && !o.has("security")) {
              o.set("security", security.deepCopy());
            }
          }
        }
      }
      return new ObjectMapper().writeValueAsString(api);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spec " + spec, e);
    }
  }

  /** The spec, where the build says it is. */
  static Path spec() {
    return Path.of(System.getProperty("openapi.spec", "openapi/zuora-callout-resend.yaml"));
  }

  /**
   * The storage host's contract for the result-file download: not Zuora's API, so not in {@link
   * #spec()}, and used by these checks alone.
   */
  static Path storageSpec() {
    return Path.of(System.getProperty("openapi.storage.spec", "openapi/query-result-file.yaml"));
  }

  /** The spec of the host a provider stands for. */
  static Path specOf(String provider) {
    return provider.equals(PactParticipants.QUERY_RESULTS_PROVIDER) ? storageSpec() : spec();
  }

  /** One interaction of a pact file, ready to validate against its provider's spec. */
  record PactInteraction(Path file, String provider, Interaction interaction) {
    String name() {
      return file.getFileName() + ": " + interaction.getDescription();
    }
  }

  static List<PactInteraction> interactions(Path pactFile) {
    Pact pact = DefaultPactReader.INSTANCE.loadPact(pactFile.toFile());
    List<PactInteraction> all = new ArrayList<>();
    for (Interaction interaction : pact.getInteractions()) {
      all.add(new PactInteraction(pactFile, pact.getProvider().getName(), interaction));
    }
    return all;
  }

  /** The spec's errors about this interaction, one line each; empty when it conforms. */
  List<String> errors(Interaction interaction) {
    SynchronousRequestResponse http = interaction.asSynchronousRequestResponse();
    if (http == null) {
      return List.of("not an HTTP request/response interaction, which the spec cannot describe");
    }
    ValidationReport report =
        validator.validate(PactRequest.of(http.getRequest()), PactResponse.of(http.getResponse()));
    List<String> errors = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == Level.ERROR) {
        errors.add(m.getKey() + ": " + m.getMessage());
      }
    }
    return errors;
  }
}
