package dev.zuoraclient.callouts.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the spec says of one value (a request header or an ID): whether it is required, its length
 * bounds, its pattern and its allowed values. The build writes one per header into {@link
 * SpecRules}; {@link HeaderRules} decides with them and explains a refusal in words.
 */
public final class ValueRule {
  private final String name;
  private final boolean required;
  private final int minLength;
  private final int maxLength;
  private final String pattern;
  private final Pattern compiled;
  private final List<String> allowed;

  /**
   * @param name the header's name, or a label
   * @param required whether the spec makes it required
   * @param minLength {@code minLength}, 0 when the spec sets none
   * @param maxLength {@code maxLength}, {@link Integer#MAX_VALUE} when the spec sets none
   * @param pattern {@code pattern} as the spec writes it (ECMA-262), or null
   * @param javaPattern the same for {@link Pattern}: the build turns a final {@code $}, which in
   *     Java also matches before a final line break, into {@code \z}
   * @param allowed {@code enum}, empty when the spec sets none
   */
  public ValueRule(
      String name,
      boolean required,
      int minLength,
      int maxLength,
      String pattern,
      String javaPattern,
      List<String> allowed) {
    this.name = name;
    this.required = required;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.pattern = pattern;
    // ECMA-262's \s and friends are Unicode-aware; Java's are ASCII unless told otherwise.
    this.compiled =
        javaPattern == null ? null : Pattern.compile(javaPattern, Pattern.UNICODE_CHARACTER_CLASS);
    this.allowed = List.copyOf(allowed);
  }

  /** The header's name as the spec spells it. */
  public String name() {
    return name;
  }

  /** Whether every request must carry it. */
  public boolean required() {
    return required;
  }

  /** The fewest characters allowed. */
  public int minLength() {
    return minLength;
  }

  /** The most characters allowed; {@link Integer#MAX_VALUE} when the spec sets no bound. */
  public int maxLength() {
    return maxLength;
  }

  /** The spec's pattern, or null. */
  public String pattern() {
    return pattern;
  }

  /** The values allowed, or empty for any. */
  public List<String> allowed() {
    return allowed;
  }

  /** Whether the value matches the pattern (JSON Schema semantics: a search, not anchored). */
  public boolean matchesPattern(String value) {
    return compiled == null || compiled.matcher(value).find();
  }

  @Override
  public String toString() {
    return name;
  }
}
