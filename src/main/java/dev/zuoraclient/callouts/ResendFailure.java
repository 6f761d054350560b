package dev.zuoraclient.callouts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One callout notification that Zuora did not resend, with Zuora's reason.
 *
 * @param id the callout history ID
 * @param code Zuora's error code, for example {@code ObjectNotFound} (empty if Zuora sent none)
 * @param message Zuora's error message (empty if Zuora sent none)
 * @param extra every other field Zuora sent for this ID, whether or not the spec names it yet
 *     (those it names first, then the others in the order sent), as JSON values ({@code String},
 *     {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map});
 *     empty when there was none. A field the spec adds later is here without a new release of this
 *     library. Like every component it takes part in {@code equals}: compare {@link #id()}, {@link
 *     #code()} and {@link #message()} when only those matter.
 */
public record ResendFailure(String id, String code, String message, Map<String, Object> extra) {
  /** Checks that no component is null, and copies {@code extra}. */
  public ResendFailure {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    extra =
        Objects.requireNonNull(extra, "extra").isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** A failure with no other fields. */
  public ResendFailure(String id, String code, String message) {
    this(id, code, message, Map.of());
  }
}
