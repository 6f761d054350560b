package dev.zuoraclient.callouts.history;

/**
 * What a filter value may hold. Values go into the query as string literals whatever they hold (see
 * the query builder), so this rule is not what keeps the query's shape: it refuses what cannot be a
 * real value and would only make an operator's typo silently match nothing.
 */
final class FilterValues {
  private FilterValues() {}

  /** Why {@code value} cannot be a filter value, or null when it can. */
  static String problem(String value) {
    if (value == null) {
      return "must not be null";
    }
    if (value.isBlank()) {
      return "must not be blank";
    }
    if (value.length() > FailedCalloutQuery.MAX_VALUE_LENGTH) {
      return "must be at most "
          + FailedCalloutQuery.MAX_VALUE_LENGTH
          + " characters (got "
          + value.length()
          + ")";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT
          || c == '\u2028'
          || c == '\u2029') {
        return String.format("must not hold U+%04X (at %d)", (int) c, i);
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
        if (!paired) {
          return String.format("must not hold an unpaired surrogate U+%04X (at %d)", (int) c, i);
        }
      }
    }
    return null;
  }
}
