package dev.zuoraclient.callouts;

import java.util.List;

/**
 * What the call-path benchmark measures of {@link DefaultCalloutResendClient}, reached by the
 * compiler rather than by reflection, so that a change to it breaks the build, not the benchmark.
 */
public final class CallPathAccess {
  private CallPathAccess() {}

  /** The checks {@code resend} runs on its IDs before anything is sent. */
  public static List<String> checkIds(List<String> ids) {
    return DefaultCalloutResendClient.checkIds(ids);
  }
}
