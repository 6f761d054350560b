package dev.zuoraclient.callouts.build;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Values of the spec as Java source text: string literals, constant names, patterns, javadoc. */
final class JavaText {
  static final String GENERATED = "Generated from the OpenAPI spec at build time; do not edit.";

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

  private JavaText() {}

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

  /** The Java constant a header's name gives: {@code Zuora-Track-Id} is {@code ZUORA_TRACK_ID}. */
  static String constant(String headerName) {
    String c = headerName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    if (!c.matches("[A-Z][A-Z0-9_]*") || RESERVED.contains(c)) {
      throw new IllegalArgumentException(
          "header " + headerName + " gives the Java constant " + c + ", which is taken or invalid");
    }
    return c;
  }

  /** An int as Java source, {@code absent} when the spec gives none. */
  static String intOr(Integer value, int absent) {
    return String.valueOf(value == null ? absent : value);
  }

  /** A Java string literal. */
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

  /** Text for javadoc: HTML's special characters escaped. */
  static String html(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
