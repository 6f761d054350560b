package dev.zuoraclient.callouts.build;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The spec as every part of the spec step reads it: the file parsed with its references resolved,
 * and the parts the generated sources and the gate look at (the resend operation, its body, its
 * request and response headers).
 */
public final class SpecDocument {
  static final String RESEND_PATH = "/notifications/callout-histories/resend";

  /** Header parameters OpenAPI 3.0 says to ignore: the security scheme and the body set them. */
  static final Set<String> IGNORED_HEADERS = Set.of("authorization", "accept", "content-type");

  private SpecDocument() {}

  /** Reads a spec with every reference resolved; fails with the parser's messages. */
  public static OpenAPI read(Path spec) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readLocation(spec.toString(), null, options);
    if (result.getOpenAPI() == null) {
      List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
      throw new IllegalArgumentException(
          "cannot read " + spec + ": " + String.join("; ", messages));
    }
    return result.getOpenAPI();
  }

  static Operation resendOperation(OpenAPI spec) {
    PathItem item = spec.getPaths() == null ? null : spec.getPaths().get(RESEND_PATH);
    if (item == null || item.getPost() == null) {
      throw new IllegalArgumentException("the spec has no POST " + RESEND_PATH);
    }
    return item.getPost();
  }

  /** The resend body's schema: a JSON array of IDs. */
  static Schema<?> bodySchema(Operation op) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
      throw new IllegalArgumentException("the resend operation has no request body");
    }
    var media = op.getRequestBody().getContent().get("application/json");
    if (media == null || media.getSchema() == null || media.getSchema().getItems() == null) {
      throw new IllegalArgumentException("the resend body must be a JSON array of IDs");
    }
    return media.getSchema();
  }

  /** Whether OpenAPI 3.0 ignores this header parameter (Authorization, Accept, Content-Type). */
  static boolean ignoredHeader(Parameter p) {
    return "header".equals(p.getIn())
        && IGNORED_HEADERS.contains(p.getName().toLowerCase(Locale.ROOT));
  }

  /** The operation's request headers, in the spec's order, those OpenAPI ignores left out. */
  static List<Parameter> headers(Operation op) {
    List<Parameter> out = new ArrayList<>();
    if (op.getParameters() != null) {
      for (Parameter p : op.getParameters()) {
        if ("header".equals(p.getIn()) && !ignoredHeader(p)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** Every header the spec declares on any answer of the operation, in the spec's order. */
  static Set<String> responseHeaders(Operation op) {
    Set<String> names = new LinkedHashSet<>();
    if (op.getResponses() != null) {
      for (ApiResponse r : op.getResponses().values()) {
        if (r.getHeaders() != null) {
          names.addAll(r.getHeaders().keySet());
        }
      }
    }
    return names;
  }
}
