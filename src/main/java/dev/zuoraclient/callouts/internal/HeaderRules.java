package dev.zuoraclient.callouts.internal;

import java.util.List;

/**
 * The rules of the request headers and IDs, as the spec states them. Every check runs before any
 * I/O; each message names the field and the rule and shows the offending value (never a token).
 */
public final class HeaderRules {
  /** Zuora resends at most this many callout notifications per request. */
  public static final int MAX_IDS_PER_REQUEST = 1000;

  /**
   * The longest callout history ID accepted. Zuora's are 32 characters; the spec sets no length, so
   * this generous bound only keeps garbage (a whole file line, say) from being sent.
   */
  public static final int MAX_ID_LENGTH = 255;

  static final int MAX_TRACK_ID = 64;
  static final int MAX_IDEMPOTENCY_KEY = 255;
  static final int MAX_ENTITY_ID = 255;

  private HeaderRules() {}

  /** Zuora-Track-Id: 1..64 printable US-ASCII, none of {@code : ; " '}, no edge spaces. */
  public static String checkTrackId(String value) {
    checkLength("trackId", value, MAX_TRACK_ID);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ':' || c == ';' || c == '"' || c == '\'') {
        throw new IllegalArgumentException(
            "trackId must not contain '" + c + "' (got " + quote(value) + ")");
      }
      checkPrintableAscii("trackId", value, c, true);
    }
    checkNoEdgeSpace("trackId", value);
    return value;
  }

  /** Idempotency-Key: 1..255 printable US-ASCII characters, no spaces. */
  public static String checkIdempotencyKey(String value) {
    checkLength("idempotencyKey", value, MAX_IDEMPOTENCY_KEY);
    for (int i = 0; i < value.length(); i++) {
      checkPrintableAscii("idempotencyKey", value, value.charAt(i), false);
    }
    return value;
  }

  /** Zuora-Entity-Ids: one ID, 1..255 printable US-ASCII characters, no spaces or commas. */
  public static String checkEntityId(String value) {
    checkLength("entityId", value, MAX_ENTITY_ID);
    checkListElement("entityId", value);
    return value;
  }

  /** Zuora-Org-Ids: a non-empty list of org IDs, each like an entity ID; joined with commas. */
  public static String checkOrgIds(List<String> orgIds) {
    if (orgIds.isEmpty()) {
      throw new IllegalArgumentException("orgIds must not be empty (omit it instead)");
    }
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < orgIds.size(); i++) {
      String org = orgIds.get(i);
      if (org == null) {
        throw new IllegalArgumentException("orgIds[" + i + "] must not be null");
      }
      checkLength("orgIds[" + i + "]", org, MAX_ENTITY_ID);
      checkListElement("orgIds[" + i + "]", org);
      joined.append(i == 0 ? "" : ",").append(org);
    }
    return joined.toString();
  }

  /**
   * A callout history ID: 1..{@value #MAX_ID_LENGTH} characters of well-formed Unicode (no unpaired
   * surrogate, which could not be sent as it is), not blank, no control characters. IDs are checked
   * loosely because Zuora's own examples are not all hex.
   */
  public static void checkId(int index, String id) {
    if (id == null) {
      throw new IllegalArgumentException("ids[" + index + "] must not be null");
    }
    int n = id.length();
    if (n > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "ids[" + index + "] must be at most " + MAX_ID_LENGTH + " characters (got " + n + ")");
    }
    boolean blank = true;
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c <= ' ') {
        if (c != ' ') {
          throw new IllegalArgumentException(
              "ids[" + index + "] must not contain control characters (got " + quote(id) + ")");
        }
        continue;
      }
      if (c < 0x7F) {
        blank = false;
        continue;
      }
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "ids[" + index + "] must not contain control characters (got " + quote(id) + ")");
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
        blank = false;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "ids[" + index + "] must be well-formed Unicode: unpaired surrogate at index " + i);
      } else {
        blank &= Character.isWhitespace(c);
      }
    }
    if (blank) {
      throw new IllegalArgumentException("ids[" + index + "] must not be blank");
    }
  }

  /** A bearer token: printable US-ASCII without spaces. The message never shows the token. */
  public static void checkToken(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("access token must not be null or empty");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new IllegalArgumentException(
            "access token must be printable US-ASCII without spaces (bad character at index "
                + i
                + ")");
      }
    }
  }

  private static void checkLength(String field, String value, int max) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(
          field + " must be at most " + max + " characters (got " + value.length() + ")");
    }
  }

  private static void checkListElement(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',') {
        throw new IllegalArgumentException(
            field + " must not contain ',' (got " + quote(value) + ")");
      }
      checkPrintableAscii(field, value, c, false);
    }
  }

  private static void checkPrintableAscii(String field, String value, char c, boolean spaceOk) {
    if (c == '\r' || c == '\n') {
      throw new IllegalArgumentException(
          field + " must not contain CR or LF (got " + quote(value) + ")");
    }
    if (c < ' ' || c > '~' || (c == ' ' && !spaceOk)) {
      throw new IllegalArgumentException(
          field
              + " must be printable US-ASCII"
              + (spaceOk ? "" : " without spaces")
              + " (got "
              + quote(value)
              + ")");
    }
  }

  private static void checkNoEdgeSpace(String field, String value) {
    if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
      throw new IllegalArgumentException(
          field + " must not start or end with a space (got " + quote(value) + ")");
    }
  }

  /** Quotes a value for a message, escaping what would garble a log line. */
  static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (SafeText.needsEscape(c) || Character.isSurrogate(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }
}
