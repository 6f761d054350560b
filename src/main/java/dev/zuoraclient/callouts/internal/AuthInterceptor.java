package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import feign.RequestInterceptor;
import feign.RequestTemplate;

/**
 * Adds {@code Authorization: Bearer <token>} to each request, asking the provider each time, and
 * remembers on the calling thread which token it sent, so that a 401 invalidates exactly that
 * token.
 */
final class AuthInterceptor implements RequestInterceptor {
  private final AccessTokenProvider tokens;
  private final ThreadLocal<String> lastSent = new ThreadLocal<>();

  AuthInterceptor(AccessTokenProvider tokens) {
    this.tokens = tokens;
  }

  @Override
  public void apply(RequestTemplate template) {
    String token = tokens.accessToken();
    HeaderRules.checkToken(token);
    lastSent.set(token);
    template.header("Authorization", "Bearer " + token);
  }

  /** Lets the provider drop the token this thread last sent; true if a retry may succeed. */
  boolean invalidateLastSent() {
    String token = lastSent.get();
    lastSent.remove();
    return token != null && tokens.invalidate(token);
  }

  @Override
  public String toString() {
    return "AuthInterceptor(****)";
  }
}
