package dev.zuoraclient.callouts.internal;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import java.util.function.Supplier;

/**
 * Puts the call's header values on the request exactly as given. The generated binding passes them
 * through Feign's header templates, whose expansion turns {@code %2F} into {@code /}: a track ID or
 * idempotency key holding {@code %2F} (both allowed by the spec) would reach Zuora changed, and a
 * changed key is another key. This interceptor runs after the expansion and sets each value again,
 * as a literal that no expansion touches.
 */
final class ExactHeaders implements RequestInterceptor {
  private static final ThreadLocal<ResendCall> CURRENT = new ThreadLocal<>();

  /** Runs {@code send} (one attempt of {@code call}, on this thread) with the call's values. */
  static <T> T during(ResendCall call, Supplier<T> send) {
    CURRENT.set(call);
    try {
      return send.get();
    } finally {
      CURRENT.remove();
    }
  }

  @Override
  public void apply(RequestTemplate template) {
    ResendCall call = CURRENT.get();
    if (call == null) {
      return;
    }
    exact(template, SpecRules.ZUORA_TRACK_ID.name(), call.trackId());
    exact(template, SpecRules.IDEMPOTENCY_KEY.name(), call.idempotencyKey());
    exact(template, SpecRules.ZUORA_ENTITY_IDS.name(), call.entityId());
    exact(template, SpecRules.ZUORA_ORG_IDS.name(), call.orgIds());
  }

  private static void exact(RequestTemplate template, String name, String value) {
    if (value != null && template.headers().containsKey(name)) {
      template.removeHeader(name);
      template.headerLiteral(name, value);
    }
  }
}
