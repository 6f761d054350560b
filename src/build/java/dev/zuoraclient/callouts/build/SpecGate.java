package dev.zuoraclient.callouts.build;

import dev.zuoraclient.callouts.build.SchemaGate.Direction;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The spec evolution gate: compares the spec with the last released one and names, in words and
 * with its place in the spec, every change that would break the clients built from the released
 * spec (this library's adapter included). Runs in {@code generate-sources}, before anything is
 * generated or compiled, so that a breaking spec change fails the build here and not as a compile
 * error in adapter code. An intended break passes when the spec's {@code info.version} raises the
 * released major version ({@link SpecTool} reads the specs and words the verdict).
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
  private final SchemaGate schemas = new SchemaGate(this::add);

  private SpecGate() {}

  /** The breaking changes from {@code released} to {@code current}, in spec order. */
  public static List<Break> breakingChanges(OpenAPI released, OpenAPI current) {
    SpecGate gate = new SpecGate();
    gate.servers(released, current);
    gate.paths(released, current);
    return List.copyOf(gate.breaks);
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
                  security(where, SecurityWays.of(released, before), SecurityWays.of(current, op));
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
          schemas.compare(loc, p.getSchema(), q.getSchema(), Direction.REQUEST);
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
    return !SpecDocument.ignoredHeader(p);
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
                  schemas.compare(
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
                schemas.compare(loc + ", " + type, m.getSchema(), m2.getSchema(), d);
              }
            });
  }

  private void add(String location, String words) {
    breaks.add(new Break(location, words));
  }

  static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  static <K, V> Map<K, V> map(Map<K, V> m) {
    return m == null ? Map.of() : m;
  }
}
