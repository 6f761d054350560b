package dev.zuoraclient.callouts.build;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The spec evolution gate: compares the spec with the last released one and names, in words and
 * with its place in the spec, every change that would break the clients built from the released
 * spec (this library's adapter included). Runs in {@code generate-sources}, before anything is
 * generated or compiled, so that a breaking spec change fails the build here and not as a compile
 * error in adapter code. An intended break passes when the spec's {@code info.version} raises the
 * released major version.
 *
 * <p>Requests and answers are judged in opposite directions: a request may accept more than before
 * but not less (a tightened limit, a new or newly required header or property, a changed type); an
 * answer may carry more than before but not less (a removed status, header or property, a changed
 * type, a property no longer required).
 */
public final class SpecGate {
  /** One breaking change: where in the spec, and what, in words. */
  public record Break(String location, String words) {
    @Override
    public String toString() {
      return location + ": " + words;
    }
  }

  private final List<Break> breaks = new ArrayList<>();
  private final Map<Schema<?>, Boolean> visiting = new IdentityHashMap<>();

  private SpecGate() {}

  /** Reads a spec with every reference resolved; fails with the parser's messages. */
  public static OpenAPI read(Path spec) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readLocation(spec.toString(), null, options);
    if (result.getOpenAPI() == null) {
      throw new IllegalArgumentException(
          "cannot read " + spec + ": " + String.join("; ", messages(result)));
    }
    return result.getOpenAPI();
  }

  private static List<String> messages(SwaggerParseResult result) {
    return result.getMessages() == null ? List.of() : result.getMessages();
  }

  /** The breaking changes from {@code released} to {@code current}, in spec order. */
  public static List<Break> breakingChanges(OpenAPI released, OpenAPI current) {
    SpecGate gate = new SpecGate();
    gate.servers(released, current);
    gate.paths(released, current);
    return List.copyOf(gate.breaks);
  }

  /** A semantic version: {@code MAJOR.MINOR.PATCH}, optionally with a pre-release and build. */
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})"
              + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

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

  /**
   * The gate's verdict as the build prints it: {@code null} when the build may go on (no breaking
   * change, or an intended one), else the message that fails it.
   */
  public static String verdict(
      Path releasedPath, OpenAPI released, Path currentPath, OpenAPI current) {
    List<Break> breaks = breakingChanges(released, current);
    if (breaks.isEmpty() || majorRaised(released, current)) {
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
        .append(major(released) + 1)
        .append(".0.0. See docs/contracts-and-spec.md, Changing the spec.");
    return out.toString();
  }

  // ---- servers and operations ----

  private void servers(OpenAPI released, OpenAPI current) {
    Map<String, Server> now = new LinkedHashMap<>();
    for (Server s : list(current.getServers())) {
      now.put(s.getUrl(), s);
    }
    for (Server s : list(released.getServers())) {
      Server after = now.get(s.getUrl());
      if (after == null) {
        add("servers", "server " + s.getUrl() + " (" + s.getDescription() + ") removed");
        continue;
      }
      Object name = enumName(s);
      if (name == null && enumName(after) != null) {
        add(
            "servers, " + s.getUrl(),
            "x-enum-name "
                + enumName(after)
                + " cannot be compared: the released spec records no x-enum-name for this server"
                + " (record the ZuoraEnvironment constant of the release in openapi/released/)");
      } else if (name != null && !name.equals(enumName(after))) {
        add(
            "servers, " + s.getUrl(),
            "x-enum-name changed from "
                + name
                + " to "
                + enumName(after)
                + " (the ZuoraEnvironment constant)");
      }
    }
  }

  private static Object enumName(Server s) {
    return s.getExtensions() == null ? null : s.getExtensions().get("x-enum-name");
  }

  private void paths(OpenAPI released, OpenAPI current) {
    Map<String, PathItem> now = map(current.getPaths());
    for (Map.Entry<String, PathItem> e : map(released.getPaths()).entrySet()) {
      String path = e.getKey();
      PathItem after = now.get(path);
      if (after == null) {
        add("paths", "path " + path + " removed (or renamed)");
        continue;
      }
      Map<PathItem.HttpMethod, Operation> afterOps = after.readOperationsMap();
      e.getValue()
          .readOperationsMap()
          .forEach(
              (method, before) -> {
                String where = method + " " + path;
                Operation op = afterOps.get(method);
                if (op == null) {
                  add(where, "operation " + before.getOperationId() + " removed");
                } else {
                  operation(where, before, op);
                  security(where, security(released, before), security(current, op));
                }
              });
    }
  }

  private void operation(String where, Operation before, Operation after) {
    if (!Objects.equals(before.getOperationId(), after.getOperationId())) {
      add(
          where,
          "operation renamed from "
              + before.getOperationId()
              + " to "
              + after.getOperationId()
              + " (the generated method is renamed)");
    }
    parameters(where, list(before.getParameters()), list(after.getParameters()));
    requestBody(where, before, after);
    responses(where, before, after);
  }

  // ---- security ----

  private static final String NONE = "none";

  /**
   * The ways an operation may be authorised, as the client would read them: each alternative (a
   * requirement) is the set of its schemes in words, with their scopes; {@code none} for {@code
   * security: []}.
   */
  private static Set<String> security(OpenAPI spec, Operation op) {
    List<SecurityRequirement> requirements =
        op.getSecurity() != null ? op.getSecurity() : list(spec.getSecurity());
    Map<String, SecurityScheme> schemes =
        spec.getComponents() == null ? Map.of() : map(spec.getComponents().getSecuritySchemes());
    Set<String> ways = new TreeSet<>();
    if (requirements.isEmpty()) {
      ways.add(NONE);
    }
    for (SecurityRequirement r : requirements) {
      Set<String> all = new TreeSet<>();
      r.forEach(
          (name, scopes) ->
              all.add(
                  scheme(name, schemes.get(name))
                      + (scopes == null || scopes.isEmpty() ? "" : " " + new TreeSet<>(scopes))));
      ways.add(all.isEmpty() ? NONE : String.join(" and ", all));
    }
    return ways;
  }

  /** A security scheme in words, by what the client must send (its name in the spec aside). */
  private static String scheme(String name, SecurityScheme s) {
    if (s == null || s.getType() == null) {
      return name + " (undefined)";
    }
    return switch (s.getType()) {
      case HTTP -> "http " + String.valueOf(s.getScheme()).toLowerCase(java.util.Locale.ROOT);
      case APIKEY -> "apiKey " + s.getName() + " in " + s.getIn();
      case OAUTH2 -> "oauth2" + (s.getFlows() == null ? "" : " " + flows(s));
      case OPENIDCONNECT -> "openIdConnect " + s.getOpenIdConnectUrl();
      case MUTUALTLS -> "mutualTLS";
    };
  }

  private static String flows(SecurityScheme s) {
    var f = s.getFlows();
    List<String> out = new ArrayList<>();
    if (f.getClientCredentials() != null) {
      out.add("clientCredentials " + f.getClientCredentials().getTokenUrl());
    }
    if (f.getAuthorizationCode() != null) {
      out.add("authorizationCode " + f.getAuthorizationCode().getTokenUrl());
    }
    if (f.getPassword() != null) {
      out.add("password " + f.getPassword().getTokenUrl());
    }
    if (f.getImplicit() != null) {
      out.add("implicit " + f.getImplicit().getAuthorizationUrl());
    }
    return String.join(", ", out);
  }

  /**
   * A way of authorising the released spec allowed that the spec no longer allows breaks the
   * clients that use it; a way added is an alternative, and breaks nothing.
   */
  private void security(String where, Set<String> before, Set<String> after) {
    if (!after.containsAll(before)) {
      add(
          where + ", security",
          "changed from "
              + String.join(" or ", before)
              + " to "
              + String.join(" or ", after)
              + " (the client authorises as the released spec says)");
    }
  }

  private void parameters(String where, List<Parameter> before, List<Parameter> after) {
    Map<String, Parameter> was = new LinkedHashMap<>();
    before.stream()
        .filter(SpecGate::counts)
        .forEach(p -> was.put(p.getIn() + " " + p.getName(), p));
    Map<String, Parameter> now = new LinkedHashMap<>();
    after.stream().filter(SpecGate::counts).forEach(p -> now.put(p.getIn() + " " + p.getName(), p));
    was.forEach(
        (key, p) -> {
          String loc = where + ", " + describe(p);
          Parameter q = now.get(key);
          if (q == null) {
            add(loc, "removed (the client sends it)");
            return;
          }
          if (!isTrue(p.getRequired()) && isTrue(q.getRequired())) {
            add(loc, "made required");
          }
          schema(loc, p.getSchema(), q.getSchema(), Direction.REQUEST);
        });
    now.forEach(
        (key, q) -> {
          if (!was.containsKey(key) && isTrue(q.getRequired())) {
            add(where + ", " + describe(q), "new and required");
          }
        });
  }

  /** OpenAPI 3.0 ignores Authorization, Accept and Content-Type header parameters; so do we. */
  private static boolean counts(Parameter p) {
    return !("header".equals(p.getIn())
        && SpecRulesWriter.IGNORED_HEADERS.contains(
            p.getName().toLowerCase(java.util.Locale.ROOT)));
  }

  private static String describe(Parameter p) {
    return ("header".equals(p.getIn()) ? "request header" : p.getIn() + " parameter")
        + " "
        + p.getName();
  }

  private void requestBody(String where, Operation before, Operation after) {
    if (before.getRequestBody() == null) {
      if (after.getRequestBody() != null && isTrue(after.getRequestBody().getRequired())) {
        add(where + ", request body", "new and required");
      }
      return;
    }
    String loc = where + ", request body";
    if (after.getRequestBody() == null) {
      add(loc, "removed");
      return;
    }
    if (!isTrue(before.getRequestBody().getRequired())
        && isTrue(after.getRequestBody().getRequired())) {
      add(loc, "made required");
    }
    content(
        loc,
        before.getRequestBody().getContent(),
        after.getRequestBody().getContent(),
        Direction.REQUEST);
  }

  private void responses(String where, Operation before, Operation after) {
    Map<String, ApiResponse> now = map(after.getResponses());
    for (Map.Entry<String, ApiResponse> e : map(before.getResponses()).entrySet()) {
      String loc = where + ", response " + e.getKey();
      ApiResponse r = now.get(e.getKey());
      if (r == null) {
        add(loc, "status removed (the client handles it)");
        continue;
      }
      Map<String, Header> headers = map(r.getHeaders());
      map(e.getValue().getHeaders())
          .forEach(
              (name, h) -> {
                Header h2 = headers.get(name);
                if (h2 == null) {
                  add(loc + ", header " + name, "removed (the client reads it)");
                } else {
                  if (isTrue(h.getRequired()) && !isTrue(h2.getRequired())) {
                    add(loc + ", header " + name, "no longer required");
                  }
                  schema(
                      loc + ", header " + name, h.getSchema(), h2.getSchema(), Direction.RESPONSE);
                }
              });
      content(loc, e.getValue().getContent(), r.getContent(), Direction.RESPONSE);
    }
  }

  private void content(
      String loc, Map<String, MediaType> before, Map<String, MediaType> after, Direction d) {
    Map<String, MediaType> now = map(after);
    map(before)
        .forEach(
            (type, m) -> {
              MediaType m2 = now.get(type);
              if (m2 == null) {
                add(loc, "content type " + type + " removed");
              } else {
                schema(loc + ", " + type, m.getSchema(), m2.getSchema(), d);
              }
            });
  }

  // ---- schemas ----

  enum Direction {
    REQUEST,
    RESPONSE
  }

  private void schema(String loc, Schema<?> before, Schema<?> after, Direction d) {
    if (before == null || after == null || visiting.containsKey(before)) {
      return;
    }
    visiting.put(before, Boolean.TRUE);
    try {
      String t1 = typeOf(before);
      String t2 = typeOf(after);
      if (!Objects.equals(t1, t2)) {
        add(loc, "type changed from " + t1 + " to " + t2);
        return;
      }
      limits(loc, before, after, d);
      properties(loc, before, after, d);
      schema(loc + ", items", before.getItems(), after.getItems(), d);
      if (before.getAdditionalProperties() instanceof Schema<?> a) {
        if (after.getAdditionalProperties() instanceof Schema<?> b) {
          schema(loc + ", each value", a, b, d);
        } else {
          add(
              loc + ", each value",
              "type changed from " + typeOf(a) + " to " + after.getAdditionalProperties());
        }
      }
    } finally {
      visiting.remove(before);
    }
  }

  private static String typeOf(Schema<?> s) {
    String type = s.getType();
    if (type == null && s.getTypes() != null && !s.getTypes().isEmpty()) {
      type = String.join("|", s.getTypes());
    }
    return type == null ? "any" : s.getFormat() == null ? type : type + " (" + s.getFormat() + ")";
  }

  private void limits(String loc, Schema<?> a, Schema<?> b, Direction d) {
    if (d != Direction.REQUEST) {
      if (a.getEnum() != null && b.getEnum() != null) {
        List<Object> added = new ArrayList<>(b.getEnum());
        added.removeAll(a.getEnum());
        if (!added.isEmpty()) {
          add(loc, "enum gained " + added + " (the client does not know them)");
        }
      }
      return;
    }
    lowered(loc, "maxLength", a.getMaxLength(), b.getMaxLength());
    raised(loc, "minLength", a.getMinLength(), b.getMinLength());
    lowered(loc, "maxItems", a.getMaxItems(), b.getMaxItems());
    raised(loc, "minItems", a.getMinItems(), b.getMinItems());
    lowered(loc, "maximum", a.getMaximum(), b.getMaximum());
    raised(loc, "minimum", a.getMinimum(), b.getMinimum());
    if (!Objects.equals(a.getPattern(), b.getPattern()) && b.getPattern() != null) {
      add(
          loc,
          "pattern "
              + (a.getPattern() == null ? "added: " : "changed from " + a.getPattern() + " to ")
              + b.getPattern());
    }
    if (b.getEnum() != null) {
      if (a.getEnum() == null) {
        add(loc, "enum added: only " + b.getEnum() + " accepted");
      } else {
        List<Object> removed = new ArrayList<>(a.getEnum());
        removed.removeAll(b.getEnum());
        if (!removed.isEmpty()) {
          add(loc, "enum lost " + removed);
        }
      }
    }
  }

  /** A tightened upper bound: added, or lower than before. */
  private <N extends Comparable<N>> void lowered(String loc, String what, N before, N after) {
    tightened(
        loc, what, before, after, after != null && before != null && after.compareTo(before) < 0);
  }

  /** A tightened lower bound: added, or higher than before. */
  private <N extends Comparable<N>> void raised(String loc, String what, N before, N after) {
    tightened(
        loc, what, before, after, after != null && before != null && after.compareTo(before) > 0);
  }

  private void tightened(String loc, String what, Object before, Object after, boolean moved) {
    if (after != null && (before == null || moved)) {
      add(
          loc,
          what
              + " tightened from "
              + (before == null ? "none" : plain(before))
              + " to "
              + plain(after));
    }
  }

  private static String plain(Object n) {
    return n instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : String.valueOf(n);
  }

  @SuppressWarnings("rawtypes") // the parser's own type: Map<String, Schema>
  private void properties(String loc, Schema<?> a, Schema<?> b, Direction d) {
    Map<String, Schema> was = map(a.getProperties());
    Map<String, Schema> now = map(b.getProperties());
    Set<String> reqA = Set.copyOf(list(a.getRequired()));
    Set<String> reqB = Set.copyOf(list(b.getRequired()));
    for (Map.Entry<String, Schema> e : was.entrySet()) {
      String name = e.getKey();
      String at = loc + ", property " + name;
      Schema<?> p2 = now.get(name);
      if (p2 == null) {
        if (d == Direction.RESPONSE) {
          add(at, "removed (or renamed; the client reads it)");
        } else if (reqA.contains(name)) {
          add(at, "removed while required by the released spec");
        }
        continue;
      }
      if (d == Direction.REQUEST && !reqA.contains(name) && reqB.contains(name)) {
        add(at, "made required");
      }
      if (d == Direction.RESPONSE && reqA.contains(name) && !reqB.contains(name)) {
        add(at, "no longer required (the client relies on it)");
      }
      schema(at, e.getValue(), p2, d);
    }
    if (d == Direction.REQUEST) {
      for (String name : now.keySet()) {
        if (!was.containsKey(name) && reqB.contains(name)) {
          add(loc + ", property " + name, "new and required");
        }
      }
    }
  }

  private void add(String location, String words) {
    breaks.add(new Break(location, words));
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static <K, V> Map<K, V> map(Map<K, V> m) {
    return m == null ? Map.of() : m;
  }
}
