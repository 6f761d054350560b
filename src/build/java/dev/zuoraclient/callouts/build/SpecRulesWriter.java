package dev.zuoraclient.callouts.build;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the Java that states the spec's rules, so that no rule is typed twice: the ID count and ID
 * limits, every request header's limits, pattern and whether it is required, the response headers,
 * and the servers. Three files, under {@code target/generated-sources/spec}: {@code
 * internal/SpecRules} (the client's and the command line's), {@code ZuoraEnvironment} (the public
 * enum of servers) and {@code simulator/SpecLimits} (the simulator's, which may not read the
 * library's internals).
 */
public final class SpecRulesWriter {
  static final String RESEND_PATH = "/notifications/callout-histories/resend";
  static final String GENERATED = "Generated from the OpenAPI spec at build time; do not edit.";

  private SpecRulesWriter() {}

  /** Writes the three files under {@code outputDirectory}. */
  public static void write(OpenAPI spec, String specName, Path outputDirectory) throws IOException {
    Operation resend = resendOperation(spec);
    Path base = outputDirectory.resolve("dev/zuoraclient/callouts");
    writeFile(base.resolve("internal/SpecRules.java"), specRules(spec, specName, resend));
    writeFile(base.resolve("ZuoraEnvironment.java"), environments(spec));
    writeFile(base.resolve("simulator/SpecLimits.java"), simulatorLimits(resend));
    writeFile(base.resolve("internal/BindingCall.java"), bindingCall(resend));
  }

  static Operation resendOperation(OpenAPI spec) {
    PathItem item = spec.getPaths() == null ? null : spec.getPaths().get(RESEND_PATH);
    if (item == null || item.getPost() == null) {
      throw new IllegalArgumentException("the spec has no POST " + RESEND_PATH);
    }
    return item.getPost();
  }

  private static void writeFile(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    if (Files.exists(file) && Files.readString(file).equals(text)) {
      return; // unchanged: keep the time stamp, so the compiler need not redo its work
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  // ---- internal/SpecRules ----

  static String specRules(OpenAPI spec, String specName, Operation resend) {
    Schema<?> ids = bodySchema(resend);
    Schema<?> id = ids.getItems();
    if (ids.getMaxItems() == null || ids.getMaxItems() < 1) {
      throw new IllegalArgumentException(
          "the resend body needs maxItems (at least 1): how many IDs one request may hold decides"
              + " how runs are split into batches");
    }
    StringBuilder j = new StringBuilder();
    j.append("package dev.zuoraclient.callouts.internal;\n\n")
        .append("import java.util.List;\n\n")
        .append("/**\n * The rules ")
        .append(specName)
        .append(" states for {@code POST ")
        .append(RESEND_PATH)
        .append("}. ")
        .append(GENERATED)
        .append("\n */\n")
        .append("public final class SpecRules {\n")
        .append("  private SpecRules() {}\n\n")
        .append("  /** {@code info.version} of the spec. */\n")
        .append("  public static final String SPEC_VERSION = ")
        .append(quote(spec.getInfo().getVersion()))
        .append(";\n\n")
        .append("  /** {@code minItems} of the request body: the fewest IDs per request. */\n")
        .append("  public static final int MIN_IDS = ")
        .append(intOr(ids.getMinItems(), 0))
        .append(";\n\n")
        .append("  /** {@code maxItems} of the request body: the most IDs per request. */\n")
        .append("  public static final int MAX_IDS = ")
        .append(intOr(ids.getMaxItems(), Integer.MAX_VALUE))
        .append(";\n\n")
        .append(
            "  /**\n   * {@link #MAX_IDS}, read at run time: a public field that carries it outside this\n"
                + "   * build must not be a compile-time constant, which a consumer's compiler would copy.\n"
                + "   */\n")
        .append("  public static int maxIds() {\n    return MAX_IDS;\n  }\n\n")
        .append(
            "  /** {@link #MAX_IDS} as text, for annotations (the command line's defaults). */\n")
        .append("  public static final String MAX_IDS_TEXT = \"")
        .append(intOr(ids.getMaxItems(), Integer.MAX_VALUE))
        .append("\";\n\n")
        .append("  /** The rule of one callout history ID (the body's {@code items}). */\n")
        .append("  public static final ValueRule ID = ")
        .append(rule("id", false, id))
        .append(";\n\n");
    List<String> names = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Parameter p : headers(resend)) {
      String constant = constant(p.getName());
      if (!used.add(constant) || !used.add(constant + "_MAX_LENGTH")) {
        throw new IllegalArgumentException(
            "header " + p.getName() + " gives the Java constant " + constant + " twice");
      }
      names.add(constant);
      j.append("  /** Request header {@code ")
          .append(p.getName())
          .append("}. */\n")
          .append("  public static final ValueRule ")
          .append(constant)
          .append(" = ")
          .append(rule(p.getName(), Boolean.TRUE.equals(p.getRequired()), p.getSchema()))
          .append(";\n\n");
      j.append("  /** {@code maxLength} of {@code ")
          .append(p.getName())
          .append("} ({@link Integer#MAX_VALUE} for none), for annotations. */\n")
          .append("  public static final int ")
          .append(constant)
          .append("_MAX_LENGTH = ")
          .append(
              intOr(p.getSchema() == null ? null : p.getSchema().getMaxLength(), Integer.MAX_VALUE))
          .append(";\n\n");
    }
    j.append("  /** Every request header the spec declares, in its order. */\n")
        .append("  public static final List<ValueRule> REQUEST_HEADERS = List.of(")
        .append(String.join(", ", names))
        .append(");\n\n")
        .append(responseHeaderConstants(resend))
        .append("  /** Every header the spec declares on any answer of the operation. */\n")
        .append("  public static final List<String> RESPONSE_HEADERS = List.of(")
        .append(
            String.join(
                ", ", responseHeaders(resend).stream().map(SpecRulesWriter::quote).toList()))
        .append(");\n")
        .append("}\n");
    return j.toString();
  }

  private static String responseHeaderConstants(Operation resend) {
    StringBuilder j = new StringBuilder();
    for (String name : responseHeaders(resend)) {
      j.append("  /** Response header {@code ")
          .append(name)
          .append("}. */\n")
          .append("  public static final String RESPONSE_")
          .append(constant(name))
          .append(" = ")
          .append(quote(name))
          .append(";\n\n");
    }
    return j.toString();
  }

  private static Schema<?> bodySchema(Operation op) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
      throw new IllegalArgumentException("the resend operation has no request body");
    }
    var media = op.getRequestBody().getContent().get("application/json");
    if (media == null || media.getSchema() == null || media.getSchema().getItems() == null) {
      throw new IllegalArgumentException("the resend body must be a JSON array of IDs");
    }
    return media.getSchema();
  }

  /** Header parameters OpenAPI 3.0 says to ignore: the security scheme and the body set them. */
  static final Set<String> IGNORED_HEADERS = Set.of("authorization", "accept", "content-type");

  /**
   * The headers the adapter fills by name: each needs a value from the call; a header not named
   * here is sent empty (which only an optional one allows).
   */
  static final Map<String, String> CALL_VALUES =
      Map.of(
          "Zuora-Track-Id", "call.trackId()",
          "Idempotency-Key", "call.idempotencyKey()",
          "Accept-Encoding", "\"gzip\"",
          "Content-Encoding", "call.gzipRequest() ? \"gzip\" : null",
          "Zuora-Entity-Ids", "call.entityId()",
          "Zuora-Org-Ids", "call.orgIds()");

  static List<Parameter> headers(Operation op) {
    List<Parameter> out = new ArrayList<>();
    if (op.getParameters() != null) {
      for (Parameter p : op.getParameters()) {
        if ("header".equals(p.getIn())
            && !IGNORED_HEADERS.contains(p.getName().toLowerCase(Locale.ROOT))) {
          out.add(p);
        }
      }
    }
    return out;
  }

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

  private static String rule(String name, boolean required, Schema<?> s) {
    Integer min = s == null ? null : s.getMinLength();
    Integer max = s == null ? null : s.getMaxLength();
    String pattern = s == null ? null : s.getPattern();
    List<?> values = s == null || s.getEnum() == null ? List.of() : s.getEnum();
    return "new ValueRule("
        + quote(name)
        + ", "
        + required
        + ", "
        + intOr(min, 0)
        + ", "
        + intOr(max, Integer.MAX_VALUE)
        + ", "
        + (pattern == null ? "null" : quote(pattern))
        + ", "
        + (pattern == null ? "null" : quote(javaPattern(pattern)))
        + ", List.of("
        + String.join(", ", values.stream().map(v -> quote(String.valueOf(v))).toList())
        + "))";
  }

  // ---- internal/BindingCall ----

  /**
   * The adapter's call of the generated method, each header argument chosen by the header's name: a
   * header the spec adds, removes or moves can never shift the others under the adapter.
   */
  static String bindingCall(Operation resend) {
    List<String> args = new ArrayList<>();
    for (Parameter p : headers(resend)) {
      String value = CALL_VALUES.get(p.getName());
      args.add(value == null ? "null /* " + p.getName().replace("*/", "") + " */" : value);
    }
    args.add("call.ids()");
    StringBuilder j = new StringBuilder();
    j.append("package dev.zuoraclient.callouts.internal;\n\n")
        .append("import dev.zuoraclient.callouts.internal.generated.api.NotificationsApi;\n")
        .append("import dev.zuoraclient.callouts.internal.generated.model.ApiResponse;\n")
        .append("import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;\n")
        .append("import java.util.Map;\n\n")
        .append(
            "/**\n * The call of the generated binding, its header arguments in the spec's order and chosen\n")
        .append(" * by name. ")
        .append(GENERATED)
        .append("\n */\n")
        .append("final class BindingCall {\n")
        .append("  private BindingCall() {}\n\n")
        .append(
            "  static ApiResponse<Map<String, ResendFailureBody>> send(NotificationsApi api, ResendCall call) {\n")
        .append("    return api.resendCalloutNotificationsWithHttpInfo(\n        ")
        .append(String.join(",\n        ", args))
        .append(");\n  }\n}\n");
    return j.toString();
  }

  // ---- ZuoraEnvironment ----

  static String environments(OpenAPI spec) {
    StringBuilder j = new StringBuilder();
    j.append("package dev.zuoraclient.callouts;\n\n")
        .append("import java.net.URI;\n\n")
        .append(
            "/**\n * Zuora's REST servers, with the names Zuora gives them: the spec's {@code servers}. ")
        .append(GENERATED)
        .append("\n */\n")
        .append("public enum ZuoraEnvironment {\n");
    List<Server> servers = spec.getServers() == null ? List.of() : spec.getServers();
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("the spec names no servers");
    }
    for (int i = 0; i < servers.size(); i++) {
      Server s = servers.get(i);
      Map<String, Object> ext = s.getExtensions();
      Object name = ext == null ? null : ext.get("x-enum-name");
      if (!(name instanceof String n) || !n.matches("[A-Z][A-Z0-9_]*")) {
        throw new IllegalArgumentException(
            "server " + s.getUrl() + " needs x-enum-name, an UPPER_SNAKE_CASE constant name");
      }
      if (s.getUrl() == null || s.getUrl().contains("{")) {
        throw new IllegalArgumentException(
            "server " + s.getUrl() + ": URL templates are not supported; name each server in full");
      }
      String description = s.getDescription() == null ? s.getUrl() : s.getDescription();
      j.append("  /** ")
          .append(html(description))
          .append(": {@code ")
          .append(s.getUrl())
          .append("}. */\n  ")
          .append(n)
          .append('(')
          .append(quote(s.getUrl()))
          .append(", ")
          .append(quote(description))
          .append(')')
          .append(i + 1 < servers.size() ? ",\n" : ";\n");
    }
    j.append(
        """

          private final URI baseUri;
          private final String displayName;

          ZuoraEnvironment(String baseUri, String displayName) {
            this.baseUri = URI.create(baseUri);
            this.displayName = displayName;
          }

          /** The server's base URI, for example {@code https://rest.zuora.com}. */
          public URI baseUri() {
            return baseUri;
          }

          /** Zuora's name for the server, for example {@code US Production (Cloud 2)}. */
          public String displayName() {
            return displayName;
          }
        }
        """);
    return j.toString();
  }

  // ---- simulator/SpecLimits ----

  static String simulatorLimits(Operation resend) {
    Schema<?> ids = bodySchema(resend);
    StringBuilder j = new StringBuilder();
    j.append("package dev.zuoraclient.callouts.simulator;\n\n")
        .append("/** The limits the simulator enforces, as the spec states them. ")
        .append(GENERATED)
        .append(" */\n")
        .append("final class SpecLimits {\n")
        .append("  private SpecLimits() {}\n\n")
        .append("  static final int MIN_IDS = ")
        .append(intOr(ids.getMinItems(), 0))
        .append(";\n")
        .append("  static final int MAX_IDS = ")
        .append(intOr(ids.getMaxItems(), Integer.MAX_VALUE))
        .append(";\n");
    for (Parameter p : headers(resend)) {
      Schema<?> s = p.getSchema();
      String c = constant(p.getName());
      j.append("  static final int ")
          .append(c)
          .append("_MAX_LENGTH = ")
          .append(intOr(s == null ? null : s.getMaxLength(), Integer.MAX_VALUE))
          .append(";\n")
          .append("  static final String ")
          .append(c)
          .append("_PATTERN = ")
          .append(s == null || s.getPattern() == null ? "null" : quote(javaPattern(s.getPattern())))
          .append(";\n");
    }
    return j.append("}\n").toString();
  }

  // ---- text ----

  /**
   * A spec pattern (ECMA-262) for {@link Pattern}: a final {@code $} becomes {@code \\z}, since
   * Java's {@code $} also matches before a final line break and would let {@code "key\\n"} through.
   * Fails the build on a pattern Java cannot compile.
   */
  static String javaPattern(String ecma) {
    String java =
        ecma.endsWith("$") && !ecma.endsWith("\\$")
            ? ecma.substring(0, ecma.length() - 1) + "\\z"
            : ecma;
    Pattern.compile(java);
    return java;
  }

  static String constant(String headerName) {
    String c = headerName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    if (!c.matches("[A-Z][A-Z0-9_]*") || RESERVED.contains(c)) {
      throw new IllegalArgumentException(
          "header " + headerName + " gives the Java constant " + c + ", which is taken or invalid");
    }
    return c;
  }

  /** Constant names SpecRules uses for itself. */
  private static final Set<String> RESERVED =
      Set.of(
          "SPEC_VERSION",
          "MIN_IDS",
          "MAX_IDS",
          "MAX_IDS_TEXT",
          "ID",
          "REQUEST_HEADERS",
          "RESPONSE_HEADERS");

  private static int intOr(Integer value, int absent) {
    return value == null ? absent : value;
  }

  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> q.append("\\\\");
        case '"' -> q.append("\\\"");
        case '\n' -> q.append("\\n");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }

  private static String html(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
