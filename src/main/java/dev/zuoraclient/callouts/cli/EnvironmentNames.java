package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.ZuoraEnvironment;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code --env} names: each {@link ZuoraEnvironment} in lower case with dashes, such as {@code
 * us-production-2}. A matter of the command line, so not part of the library's API. Iterable for
 * picocli's list of candidates in the help text.
 */
final class EnvironmentNames implements Iterable<String> {
  static String of(ZuoraEnvironment env) {
    return env.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Whether {@code env} is a production environment: Zuora's name for it, from the spec's {@code
   * servers}, says Production.
   */
  static boolean isProduction(ZuoraEnvironment env) {
    return env.displayName().contains("Production");
  }

  /**
   * The environment named {@code name}.
   *
   * @throws IllegalArgumentException naming the accepted values, and the closest one when a typo
   *     explains the name
   */
  static ZuoraEnvironment parse(String name) {
    for (ZuoraEnvironment env : ZuoraEnvironment.values()) {
      if (of(env).equals(name)) {
        return env;
      }
    }
    String closest = closest(name, new EnvironmentNames());
    throw new IllegalArgumentException(
        "environment must be one of "
            + Arrays.stream(ZuoraEnvironment.values())
                .map(EnvironmentNames::of)
                .collect(Collectors.joining(", "))
            + " (got '"
            + name
            + "')"
            + (closest == null ? "" : "; did you mean " + closest + "?"));
  }

  /**
   * The one candidate closest to {@code name}, or null when none is close or two are equally close.
   * Case, and underscores for dashes, do not count ({@code US_PRODUCTION_2} is {@code
   * us-production-2}); after that, a candidate is close when it is at most two edits away (one for
   * names of up to four characters), as {@code git} suggests a command.
   */
  static String closest(String name, Iterable<String> candidates) {
    String typed = normal(name);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String candidate : candidates) {
      int d = distance(typed, normal(candidate));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    int allowed = typed.length() <= 4 ? 1 : 2;
    return best == null || tie || bestDistance > allowed ? null : best;
  }

  private static String normal(String s) {
    return s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Levenshtein distance, with a swap of two neighbours counting as one edit. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(ZuoraEnvironment.values()).map(EnvironmentNames::of).iterator();
  }
}
