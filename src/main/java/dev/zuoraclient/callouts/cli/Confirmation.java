package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;

/**
 * The question asked before a big run against a production environment: on a terminal only (stdin
 * and stderr), for more than {@link #THRESHOLD} IDs, unless {@code --yes}. A resend cannot be taken
 * back: every ID makes Zuora call a customer's endpoint again.
 */
final class Confirmation {
  /**
   * The most IDs sent to production without a question. Resending a few notifications after an
   * incident is routine and should stay one command; a list of hundreds or thousands is where a
   * wrong export or a sandbox list sent to production does real harm.
   */
  static final int THRESHOLD = 100;

  private Confirmation() {}

  /**
   * Whether {@code target} is a production environment: {@code --env}, or its URL as --base-url.
   */
  static boolean production(RunReport.Target target) {
    if (target == null || target.simulator()) {
      return false;
    }
    if (target.environment() != null) {
      return EnvironmentNames.isProduction(target.environment());
    }
    for (ZuoraEnvironment env : ZuoraEnvironment.values()) {
      if (EnvironmentNames.isProduction(env) && sameServer(env.baseUri(), target.url())) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameServer(URI environment, String url) {
    try {
      URI u = URI.create(url);
      String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
      return "https".equalsIgnoreCase(u.getScheme())
          && environment.getHost().equalsIgnoreCase(u.getHost())
          && (u.getPort() == -1 || u.getPort() == 443)
          && path.isEmpty();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether the run must be confirmed first.
   *
   * @param idsFromStdin whether the IDs come from stdin ({@code --ids-file -}), which then holds no
   *     answer
   */
  static boolean needed(
      RunReport.Target target, int ids, boolean yes, boolean idsFromStdin, Terminal terminal) {
    return wouldAsk(target, ids, yes, idsFromStdin) && terminal.interactive();
  }

  /** Whether a run would ask on a terminal (stdin and stderr). */
  static boolean wouldAsk(RunReport.Target target, int ids, boolean yes, boolean idsFromStdin) {
    return !yes && ids > THRESHOLD && !idsFromStdin && production(target);
  }

  /**
   * Asks on {@code err} and reads the answer from {@code terminal}: {@code y} or {@code yes} (in
   * any case) goes on; anything else, the end of input included, does not.
   */
  static boolean ask(
      Terminal terminal, PrintStream err, RunReport.Target target, int ids, int batches) {
    err.print(
        "About to resend "
            + ids
            + " callout notifications in "
            + batches
            + (batches == 1 ? " batch" : " batches")
            + " to "
            + SafeText.printable(target.describe())
            + ", a production environment: Zuora calls each notification's endpoint again."
            + " Continue? [y/N] ");
    err.flush();
    String answer;
    StopSignals.asking(true);
    try {
      answer = terminal.readLine();
    } catch (IOException e) {
      answer = null;
    } finally {
      StopSignals.asking(false);
    }
    if (answer == null) {
      err.println();
    }
    String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }
}
