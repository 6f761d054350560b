package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One failure as Zuora sent it: the model generated from the spec, plus the fields the spec does
 * not name (yet), so that a field Zuora adds reaches {@link dev.zuoraclient.callouts.ResendFailure
 * #extra()} without a release of this library. {@link FeignSupport#objectMapper()} reads every
 * {@link ResendFailureBody} as one of these ({@link AsWireFailure}).
 */
public final class WireFailure extends ResendFailureBody {
  private Map<String, Object> unnamed;

  /** A field the spec does not name. */
  @JsonAnySetter
  void unnamed(String name, Object value) {
    if (unnamed == null) {
      unnamed = new LinkedHashMap<>();
    }
    unnamed.put(name, value);
  }

  /** The fields the spec does not name, in the order Zuora sent them; empty when none. */
  Map<String, Object> unnamed() {
    return unnamed == null ? Map.of() : unnamed;
  }

  /** The mix-in that makes Jackson read a {@link ResendFailureBody} as a {@link WireFailure}. */
  @JsonDeserialize(as = WireFailure.class)
  abstract static class AsWireFailure {}
}
