package dev.zuoraclient.callouts.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of callout history IDs, in one home: what one ID may hold ({@link #check}, {@link
 * #problem}), which the client enforces before sending and the command line applies to what it
 * reads; what the IDs of one request may be ({@link #checkRequest}: {@code resend}); and how a bulk
 * run takes its IDs ({@link #unique}: {@code resendAll}).
 *
 * <p>The spec's rule ({@link SpecRules#ID}: not blank, no control characters) is kept, plus two
 * rules of our own. A length bound. And no look-alikes: an ID must not start or end with
 * whitespace, nor hold an invisible character anywhere, because such an ID prints like another one
 * and is sent as a different one (a no-break space copied with an ID from a web page, a byte order
 * mark where two files were joined). Zuora's IDs are letters and digits, so the rule refuses no
 * real ID. The client never trims or otherwise changes an ID: a silent fix would hide the caller's
 * bug.
 *
 * <p>Every message follows the ID's name ({@code "ids[3] must not be blank"}) and shows an
 * offending character as its code point and name ({@code U+00A0 NO-BREAK SPACE}).
 */
public final class IdRules {
  /** Zuora resends at most this many callout notifications per request: the spec's maxItems. */
  public static final int MAX_IDS_PER_REQUEST = SpecRules.MAX_IDS;

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

  private IdRules() {}

  /**
   * The IDs of one request ({@code resend}), checked before anything is sent: {@link
   * SpecRules#MIN_IDS} to {@link #MAX_IDS_PER_REQUEST} of them, each keeping the rule, and no
   * duplicates (the result reports one outcome per ID, and a duplicate usually means a bug
   * upstream).
   *
   * @return an unmodifiable copy, in request order
   */
  public static List<String> checkRequest(List<String> ids) {
    Objects.requireNonNull(ids, "ids must not be null");
    int n = ids.size();
    if (n == 0) {
      throw new IllegalArgumentException("ids must not be empty");
    }
    if (n < SpecRules.MIN_IDS) {
      throw new IllegalArgumentException(
          "ids must hold at least " + SpecRules.MIN_IDS + " IDs per request (got " + n + ")");
    }
    if (n > MAX_IDS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "ids must hold at most " + MAX_IDS_PER_REQUEST + " IDs per request (got " + n + ")");
    }
    String[] copy = new String[n];
    Set<String> seen = new HashSet<>(n * 2);
    for (int i = 0; i < n; i++) {
      String id = ids.get(i);
      check(i, id);
      if (!seen.add(id)) {
        throw new IllegalArgumentException(
            "ids must not contain duplicates ('"
                + id
                + "' at indexes "
                + ids.indexOf(id)
                + " and "
                + i
                + ")");
      }
      copy[i] = id;
    }
    return Collections.unmodifiableList(Arrays.asList(copy));
  }

  /**
   * The IDs of a bulk run ({@code resendAll}), every one checked before anything is sent, with
   * repeats dropped on purpose (the first occurrence wins, keeping its place).
   *
   * @return the unique IDs, in first-occurrence order
   */
  public static List<String> unique(Iterable<String> ids) {
    Set<String> unique = new LinkedHashSet<>();
    int index = 0;
    for (String id : ids) {
      check(index++, id);
      unique.add(id);
    }
    if (unique.isEmpty()) {
      throw new IllegalArgumentException("ids must not be empty");
    }
    return List.copyOf(unique);
  }

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
   * null when it keeps it. The rule:
   *
   * <ul>
   *   <li>1..{@value #MAX_LENGTH} characters of well-formed Unicode (an unpaired surrogate could
   *       not be sent as it is);
   *   <li>not blank, and no {@linkplain #isSpace whitespace} at either end;
   *   <li>no control character (C0, DEL, C1), no invisible format character (Unicode category Cf:
   *       byte order mark, zero-width space and joiners, bidi marks, soft hyphen) and no line or
   *       paragraph separator, anywhere.
   * </ul>
   *
   * Whitespace inside an ID is the spec's business and allowed.
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
      if (c > ' ' && c < 0x7F) { // the common case, in a loop that runs 1000 times a call
        blank = false;
        continue;
      }
      if (c == ' ') {
        continue;
      }
      int cp = c;
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(id.charAt(i + 1))) {
        cp = id.codePointAt(i);
      } else if (Character.isSurrogate(c)) {
        return "must be well-formed Unicode: unpaired surrogate at index " + i;
      }
      String invisible = invisible(cp);
      if (invisible != null) {
        return "must not contain " + invisible + " (got " + at(cp, i, id) + ")";
      }
      blank &= isSpace(cp);
      i += Character.charCount(cp) - 1;
    }
    if (blank) {
      return "must not be blank";
    }
    int first = id.codePointAt(0);
    if (isSpace(first)) {
      return "must not start with whitespace (got " + at(first, 0, id) + ")";
    }
    int last = id.codePointBefore(n);
    if (isSpace(last)) {
      return "must not end with whitespace (got "
          + at(last, n - Character.charCount(last), id)
          + ")";
    }
    if (!PATTERN_KNOWN && !SpecRules.ID.matchesPattern(id)) {
      return "must match the spec's pattern "
          + SpecRules.ID.pattern()
          + " (got "
          + SafeText.quote(id)
          + ")";
    }
    if (n < SpecRules.ID.minLength()) {
      return "must be at least " + SpecRules.ID.minLength() + " characters";
    }
    return null;
  }

  /**
   * Whitespace in the Unicode sense, as the rule means it at an ID's ends: {@link
   * Character#isWhitespace} (ASCII space, tab, line breaks, most Unicode spaces) or {@link
   * Character#isSpaceChar} (which adds the no-break spaces U+00A0, U+2007 and U+202F).
   */
  public static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /**
   * {@code s} without {@linkplain #isSpace whitespace} at either end: what the command line makes
   * of a line of an IDs file, so that an ID followed by a no-break space is that ID. The library
   * itself never strips anything.
   */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** What kind of invisible character {@code cp} is, or null when it is none. */
  private static String invisible(int cp) {
    if (Character.isISOControl(cp)) {
      return "control characters";
    }
    switch (Character.getType(cp)) {
      case Character.FORMAT:
        return "invisible format characters";
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return "line or paragraph separators";
      default:
        return null;
    }
  }

  /** "U+00A0 NO-BREAK SPACE at index 32 of 'a...\u00a0'". */
  private static String at(int cp, int index, String id) {
    return codePoint(cp) + " at index " + index + " of " + SafeText.quote(id);
  }

  /** A character as a reader can look it up: {@code U+FEFF ZERO WIDTH NO-BREAK SPACE}. */
  private static String codePoint(int cp) {
    String name = Character.getName(cp);
    return String.format("U+%04X", cp) + (name == null ? "" : " " + name);
  }
}
