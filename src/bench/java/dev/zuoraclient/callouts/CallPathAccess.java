package dev.zuoraclient.callouts;

import java.util.List;

/**
 * What the call-path benchmark measures of {@link DefaultCalloutResendClient}, reached by the
 * compiler rather than by reflection, so that a change to it breaks the build, not the benchmark.
 */
public final class CallPathAccess {
  /**
   * The frame name of {@link #checkIds}' work in a profile: the class by the compiler, the method
   * by the call below.
   */
  public static final String CHECK_IDS_FRAME =
      DefaultCalloutResendClient.class.getName() + ".checkIds";

  private CallPathAccess() {}

  /** The checks {@code resend} runs on its IDs before anything is sent. */
  public static List<String> checkIds(List<String> ids) {
    return DefaultCalloutResendClient.checkIds(ids);
  }
}
