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
   * @throws IllegalArgumentException naming the accepted values when there is none
   */
  static ZuoraEnvironment parse(String name) {
    for (ZuoraEnvironment env : ZuoraEnvironment.values()) {
      if (of(env).equals(name)) {
        return env;
      }
    }
    throw new IllegalArgumentException(
        "environment must be one of "
            + Arrays.stream(ZuoraEnvironment.values())
                .map(EnvironmentNames::of)
                .collect(Collectors.joining(", "))
            + " (got '"
            + name
            + "')");
  }

  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(ZuoraEnvironment.values()).map(EnvironmentNames::of).iterator();
  }
}
