package dev.zuoraclient.callouts.build;

import static dev.zuoraclient.callouts.build.JavaText.GENERATED;
import static dev.zuoraclient.callouts.build.JavaText.constant;
import static dev.zuoraclient.callouts.build.JavaText.intOr;
import static dev.zuoraclient.callouts.build.JavaText.javaPattern;
import static dev.zuoraclient.callouts.build.JavaText.quote;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code internal/SpecRules}: the rules the client and the command line read, the ID count and ID
 * rule, each request header's rule, and the response headers.
 */
final class SpecRulesSource {
  private SpecRulesSource() {}

  static String text(OpenAPI spec, String specName, Operation resend) {
    Schema<?> ids = SpecDocument.bodySchema(resend);
    if (ids.getMaxItems() == null || ids.getMaxItems() < 1) {
      throw new IllegalArgumentException(
          "the resend body needs maxItems (at least 1): how many IDs one request may hold decides"
              + " how runs are split into batches");
    }
    String maxIds = intOr(ids.getMaxItems(), Integer.MAX_VALUE);
    return """
        package dev.zuoraclient.callouts.internal;

        import java.util.List;

        /**
         * The rules %s states for {@code POST %s}. %s
         */
        public final class SpecRules {
          private SpecRules() {}

          /** {@code info.version} of the spec. */
          public static final String SPEC_VERSION = %s;

          /** {@code minItems} of the request body: the fewest IDs per request. */
          public static final int MIN_IDS = %s;

          /** {@code maxItems} of the request body: the most IDs per request. */
          public static final int MAX_IDS = %s;

          /**
           * {@link #MAX_IDS}, read at run time: a public field that carries it outside this
           * build must not be a compile-time constant, which a consumer's compiler would copy.
           */
          public static int maxIds() {
            return MAX_IDS;
          }

          /** {@link #MAX_IDS} as text, for annotations (the command line's defaults). */
          public static final String MAX_IDS_TEXT = "%s";

          /** The rule of one callout history ID (the body's {@code items}). */
          public static final ValueRule ID = %s;

          /** The rule of a Data Query job's ID (the path parameter of {@code %s}). */
          public static final ValueRule QUERY_JOB_ID = %s;

        """
            .formatted(
                specName,
                SpecDocument.RESEND_PATH,
                GENERATED,
                quote(spec.getInfo().getVersion()),
                intOr(ids.getMinItems(), 0),
                maxIds,
                maxIds,
                rule("id", false, ids.getItems()),
                QUERY_JOB_PATH,
                rule("job-id", true, queryJobId(spec)))
        + requestHeaders(resend)
        + responseHeaders(resend)
        + "}\n";
  }

  /** The path of one Data Query job, whose {@code job-id} parameter the client fills. */
  static final String QUERY_JOB_PATH = "/query/jobs/{job-id}";

  /** The schema of the {@code job-id} path parameter, on the path or on its GET. */
  private static Schema<?> queryJobId(OpenAPI spec) {
    io.swagger.v3.oas.models.PathItem item =
        spec.getPaths() == null ? null : spec.getPaths().get(QUERY_JOB_PATH);
    if (item != null) {
      List<Parameter> params = new ArrayList<>();
      if (item.getParameters() != null) {
        params.addAll(item.getParameters());
      }
      if (item.getGet() != null && item.getGet().getParameters() != null) {
        params.addAll(item.getGet().getParameters());
      }
      for (Parameter p : params) {
        if ("job-id".equals(p.getName()) && "path".equals(p.getIn()) && p.getSchema() != null) {
          return p.getSchema();
        }
      }
    }
    throw new IllegalArgumentException(
        "the spec has no "
            + QUERY_JOB_PATH
            + " with a job-id path parameter; the failed-callout"
            + " finder reads and cancels its query job there");
  }

  private static String requestHeaders(Operation resend) {
    StringBuilder j = new StringBuilder();
    List<String> names = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Parameter p : SpecDocument.headers(resend)) {
      String constant = constant(p.getName());
      if (!used.add(constant) || !used.add(constant + "_MAX_LENGTH")) {
        throw new IllegalArgumentException(
            "header " + p.getName() + " gives the Java constant " + constant + " twice");
      }
      names.add(constant);
      j.append(
          """
            /** Request header {@code %1$s}. */
            public static final ValueRule %2$s = %3$s;

            /** {@code maxLength} of {@code %1$s} ({@link Integer#MAX_VALUE} for none), for annotations. */
            public static final int %2$s_MAX_LENGTH = %4$s;

          """
              .formatted(
                  p.getName(),
                  constant,
                  rule(p.getName(), Boolean.TRUE.equals(p.getRequired()), p.getSchema()),
                  intOr(
                      p.getSchema() == null ? null : p.getSchema().getMaxLength(),
                      Integer.MAX_VALUE)));
    }
    return j.append(
            """
              /** Every request header the spec declares, in its order. */
              public static final List<ValueRule> REQUEST_HEADERS = List.of(%s);

            """
                .formatted(String.join(", ", names)))
        .toString();
  }

  private static String responseHeaders(Operation resend) {
    StringBuilder j = new StringBuilder();
    for (String name : SpecDocument.responseHeaders(resend)) {
      j.append(
          """
            /** Response header {@code %s}. */
            public static final String RESPONSE_%s = %s;

          """
              .formatted(name, constant(name), quote(name)));
    }
    List<String> quoted =
        SpecDocument.responseHeaders(resend).stream().map(JavaText::quote).toList();
    return j.append(
            """
              /** Every header the spec declares on any answer of the operation. */
              public static final List<String> RESPONSE_HEADERS = List.of(%s);
            """
                .formatted(String.join(", ", quoted)))
        .toString();
  }

  /** A {@code ValueRule} constructor call: the value's name, and its schema's limits. */
  private static String rule(String name, boolean required, Schema<?> s) {
    Integer min = s == null ? null : s.getMinLength();
    Integer max = s == null ? null : s.getMaxLength();
    String pattern = s == null ? null : s.getPattern();
    List<?> values = s == null || s.getEnum() == null ? List.of() : s.getEnum();
    return "new ValueRule(%s, %s, %s, %s, %s, %s, List.of(%s))"
        .formatted(
            quote(name),
            required,
            intOr(min, 0),
            intOr(max, Integer.MAX_VALUE),
            pattern == null ? "null" : quote(pattern),
            pattern == null ? "null" : quote(javaPattern(pattern)),
            String.join(", ", values.stream().map(v -> quote(String.valueOf(v))).toList()));
  }
}
