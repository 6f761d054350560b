package dev.zuoraclient.callouts.internal;

import java.util.List;

/**
 * The rules of the request headers, the bearer token of {@code Authorization} among them ({@link
 * IdRules} has the IDs'). The spec decides ({@link SpecRules}, written by the build from it):
 * lengths, patterns, allowed values, which headers are required. The checks here only put a refusal
 * into words (which character, which rule), and never refuse what the spec allows. Every check runs
 * before any I/O; each message names the field and the rule and shows the offending value (never a
 * token).
 */
public final class HeaderRules {
  private HeaderRules() {}

  /** Zuora-Track-Id, as the spec rules it (today: 1..64 printable US-ASCII, none of : ; " '). */
  public static String checkTrackId(String value) {
    return check("trackId", SpecRules.ZUORA_TRACK_ID, value, HeaderRules::explainTrackId);
  }

  /** Idempotency-Key, as the spec rules it (today: 1..255 printable US-ASCII, no spaces). */
  public static String checkIdempotencyKey(String value) {
    return check(
        "idempotencyKey",
        SpecRules.IDEMPOTENCY_KEY,
        value,
        (f, v) -> explainAscii(f, v, false, false));
  }

  /** Zuora-Entity-Ids: one ID as the spec rules it (today: printable US-ASCII, no space or ','). */
  public static String checkEntityId(String value) {
    return check(
        "entityId", SpecRules.ZUORA_ENTITY_IDS, value, (f, v) -> explainAscii(f, v, false, true));
  }

  /**
   * Zuora-Org-Ids: a non-empty list of org IDs, each one like an entity ID, joined with commas; the
   * joined header as the spec rules it.
   */
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
      check(
          "orgIds[" + i + "]",
          SpecRules.ZUORA_ENTITY_IDS,
          org,
          (f, v) -> explainAscii(f, v, false, true));
      joined.append(i == 0 ? "" : ",").append(org);
    }
    return check(
        "orgIds",
        SpecRules.ZUORA_ORG_IDS,
        joined.toString(),
        (f, v) -> explainAscii(f, v, false, false));
  }

  /**
   * Refuses a call that lacks a header the spec makes required.
   *
   * @param present the names of the headers the call sends
   */
  public static void checkRequiredHeaders(java.util.Set<String> present) {
    for (ValueRule rule : SpecRules.REQUEST_HEADERS) {
      if (rule.required() && !present.contains(rule.name())) {
        throw new IllegalArgumentException(
            "the spec makes the " + rule.name() + " header required: set it for this call");
      }
    }
  }

  /** Says why a value breaks a rule, or nothing when it cannot tell. */
  private interface Explanation {
    void explain(String field, String value);
  }

  private static String check(String field, ValueRule rule, String value, Explanation why) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    if (value.isEmpty() && rule.minLength() > 0) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (value.length() < rule.minLength()) {
      throw new IllegalArgumentException(
          field
              + " must be at least "
              + rule.minLength()
              + " characters (got "
              + value.length()
              + ")");
    }
    if (value.length() > rule.maxLength()) {
      throw new IllegalArgumentException(
          field
              + " must be at most "
              + rule.maxLength()
              + " characters (got "
              + value.length()
              + ")");
    }
    if (!rule.matchesPattern(value)) {
      why.explain(field, value);
      throw new IllegalArgumentException(
          field
              + " must match the spec's pattern "
              + rule.pattern()
              + " (got "
              + SafeText.quote(value)
              + ")");
    }
    if (!rule.allowed().isEmpty() && !rule.allowed().contains(value)) {
      throw new IllegalArgumentException(
          field + " must be one of " + rule.allowed() + " (got " + SafeText.quote(value) + ")");
    }
    return value;
  }

  private static void explainTrackId(String field, String value) {
    explainLineBreak(field, value);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ':' || c == ';' || c == '"' || c == '\'') {
        throw new IllegalArgumentException(
            field + " must not contain '" + c + "' (got " + SafeText.quote(value) + ")");
      }
    }
    explainAscii(field, value, true, false);
    checkNoEdgeSpace(field, value);
  }

  /** A line break first: it is the one that could forge a header. */
  private static void explainLineBreak(String field, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          field + " must not contain CR or LF (got " + SafeText.quote(value) + ")");
    }
  }

  private static void explainAscii(String field, String value, boolean spaceOk, boolean noComma) {
    explainLineBreak(field, value);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (noComma && c == ',') {
        throw new IllegalArgumentException(
            field + " must not contain ',' (got " + SafeText.quote(value) + ")");
      }
      checkPrintableAscii(field, value, c, spaceOk);
    }
  }

  /**
   * A bearer token, the value of the {@code Authorization} header: printable US-ASCII without
   * spaces. The message never shows the token.
   */
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

  private static void checkPrintableAscii(String field, String value, char c, boolean spaceOk) {
    if (c == '\r' || c == '\n') {
      throw new IllegalArgumentException(
          field + " must not contain CR or LF (got " + SafeText.quote(value) + ")");
    }
    if (c < ' ' || c > '~' || (c == ' ' && !spaceOk)) {
      throw new IllegalArgumentException(
          field
              + " must be printable US-ASCII"
              + (spaceOk ? "" : " without spaces")
              + " (got "
              + SafeText.quote(value)
              + ")");
    }
  }

  private static void checkNoEdgeSpace(String field, String value) {
    if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
      throw new IllegalArgumentException(
          field + " must not start or end with a space (got " + SafeText.quote(value) + ")");
    }
  }
}
