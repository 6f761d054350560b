package dev.zuoraclient.callouts.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Makes text that came from a server safe to show: known secrets scrubbed, and characters that
 * could rewrite a terminal or a log line escaped.
 */
public final class SafeText {
  /** What a scrubbed secret reads as. */
  public static final String MASK = "****";

  /**
   * Shorter values are not scrubbed: they would mangle ordinary words; no real secret is so short.
   */
  static final int MIN_SECRET_LENGTH = 6;

  private SafeText() {}

  /**
   * A secret to scrub, as is and form-encoded (as a token request carries it), both worked out
   * once: scrubbing runs for every text of every answer, a thousand times for a large one.
   *
   * @param value the secret
   * @param encoded its form-encoded spelling, or null when it is the same
   */
  public record Secret(String value, String encoded) {
    /** The secret {@code value}. */
    public static Secret of(String value) {
      String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
      return new Secret(value, encoded.equals(value) ? null : encoded);
    }

    /** {@code text} with every occurrence replaced by {@link #MASK}; null stays null. */
    public String scrub(String text) {
      if (text == null || value.length() < MIN_SECRET_LENGTH) {
        return text;
      }
      String out = text.contains(value) ? text.replace(value, MASK) : text;
      return encoded != null && out.contains(encoded) ? out.replace(encoded, MASK) : out;
    }

    @Override
    public String toString() {
      return "Secret(" + MASK + ")";
    }
  }

  /**
   * {@code s} with control characters (C0, DEL, C1), format characters (bidi controls, zero-width
   * characters) and line or paragraph separators written as {@code \\uXXXX}, so that a value from a
   * server cannot move the cursor, recolour, reorder or split what a terminal or log shows.
   */
  public static String printable(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (needsEscape(c)) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        sb.append(String.format("\\u%04x", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Whether {@link #printable} escapes {@code c}. */
  public static boolean needsEscape(char c) {
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      return true;
    }
    if (c < 0xA0) {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * Quotes a value for a message, escaping what would garble a log line, and the spaces other than
   * the ASCII one, which would print like it.
   */
  public static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (needsEscape(c) || Character.isSurrogate(c) || (c > 0x7F && Character.isSpaceChar(c))) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }
}
