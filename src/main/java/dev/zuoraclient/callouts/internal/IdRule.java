package dev.zuoraclient.callouts.internal;

/**
 * The rule of a callout history ID: the one home of what an ID may hold, which the client enforces
 * before sending and the command line applies to what it reads.
 *
 * <p>The spec's rule ({@link SpecRules#ID}) is kept, plus a length bound of our own. Every message
 * follows the ID's name ("ids[3] must not be blank").
 */
public final class IdRule {
  /**
   * The longest callout history ID accepted: the spec's maxLength when it sets one; else 255, a
   * bound of our own (Zuora's IDs are 32 characters) that keeps garbage (a whole file line, say)
   * from being sent.
   */
  public static final int MAX_LENGTH =
      SpecRules.ID.maxLength() == Integer.MAX_VALUE ? 255 : SpecRules.ID.maxLength();

  /**
   * The pattern {@link #problem} implements without a regular expression (1000 IDs per call). When
   * the spec's pattern is another, the spec's is used as it is.
   */
  static final String KNOWN_PATTERN =
      "^[^\\x00-\\x1F\\x7F]*[^\\s\\x00-\\x1F\\x7F][^\\x00-\\x1F\\x7F]*$";

  private static final boolean PATTERN_KNOWN = KNOWN_PATTERN.equals(SpecRules.ID.pattern());

  private IdRule() {}

  /**
   * Refuses an ID that breaks the rule, naming it by its index.
   *
   * @throws IllegalArgumentException with {@code ids[index]} and {@link #problem}'s words
   */
  public static void check(int index, String id) {
    String problem = problem(id);
    if (problem != null) {
      throw new IllegalArgumentException("ids[" + index + "] " + problem);
    }
  }

  /**
   * Why {@code id} breaks the rule, in words that follow the ID's name ("must not be blank"), or
   * null when it keeps it. The rule: 1..{@value #MAX_LENGTH} characters of well-formed Unicode (no
   * unpaired surrogate, which could not be sent as it is), not blank, no control characters. IDs
   * are checked loosely because Zuora's own examples are not all hex.
   */
  public static String problem(String id) {
    if (id == null) {
      return "must not be null";
    }
    int n = id.length();
    if (n > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters (got " + n + ")";
    }
    boolean blank = true;
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c <= ' ') {
        if (c != ' ') {
          return "must not contain control characters (got " + HeaderRules.quote(id) + ")";
        }
        continue;
      }
      if (c < 0x7F) {
        blank = false;
        continue;
      }
      if (Character.isISOControl(c)) {
        return "must not contain control characters (got " + HeaderRules.quote(id) + ")";
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
        blank = false;
      } else if (Character.isSurrogate(c)) {
        return "must be well-formed Unicode: unpaired surrogate at index " + i;
      } else {
        blank &= Character.isWhitespace(c);
      }
    }
    if (blank) {
      return "must not be blank";
    }
    if (!PATTERN_KNOWN && !SpecRules.ID.matchesPattern(id)) {
      return "must match the spec's pattern "
          + SpecRules.ID.pattern()
          + " (got "
          + HeaderRules.quote(id)
          + ")";
    }
    if (n < SpecRules.ID.minLength()) {
      return "must be at least " + SpecRules.ID.minLength() + " characters";
    }
    return null;
  }
}
