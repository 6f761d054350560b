package dev.zuoraclient.callouts;

import java.util.Objects;

/**
 * One callout notification that Zuora did not resend, with Zuora's reason.
 *
 * @param id the callout history ID
 * @param code Zuora's error code, for example {@code ObjectNotFound} (empty if Zuora sent none)
 * @param message Zuora's error message (empty if Zuora sent none)
 */
public record ResendFailure(String id, String code, String message) {
  /** Checks that no component is null. */
  public ResendFailure {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
