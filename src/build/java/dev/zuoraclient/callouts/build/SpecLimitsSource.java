package dev.zuoraclient.callouts.build;

import static dev.zuoraclient.callouts.build.JavaText.GENERATED;
import static dev.zuoraclient.callouts.build.JavaText.constant;
import static dev.zuoraclient.callouts.build.JavaText.intOr;
import static dev.zuoraclient.callouts.build.JavaText.javaPattern;
import static dev.zuoraclient.callouts.build.JavaText.quote;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * {@code simulator/SpecLimits}: the limits the simulator enforces, in its own package, since the
 * simulator may not read the library's internals.
 */
final class SpecLimitsSource {
  private SpecLimitsSource() {}

  static String text(Operation resend) {
    Schema<?> ids = SpecDocument.bodySchema(resend);
    StringBuilder headers = new StringBuilder();
    for (Parameter p : SpecDocument.headers(resend)) {
      Schema<?> s = p.getSchema();
      headers.append(
          """
            static final int %1$s_MAX_LENGTH = %2$s;
            static final String %1$s_PATTERN = %3$s;
          """
              .formatted(
                  constant(p.getName()),
                  intOr(s == null ? null : s.getMaxLength(), Integer.MAX_VALUE),
                  s == null || s.getPattern() == null
                      ? "null"
                      : quote(javaPattern(s.getPattern()))));
    }
    return """
        package dev.zuoraclient.callouts.simulator;

        /** The limits the simulator enforces, as the spec states them. %s */
        final class SpecLimits {
          private SpecLimits() {}

          static final int MIN_IDS = %s;
          static final int MAX_IDS = %s;
        %s}
        """
        .formatted(
            GENERATED,
            intOr(ids.getMinItems(), 0),
            intOr(ids.getMaxItems(), Integer.MAX_VALUE),
            headers);
  }
}
