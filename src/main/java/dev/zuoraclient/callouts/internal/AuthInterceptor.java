package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import java.util.List;

/**
 * Adds {@code Authorization: Bearer <token>} to each request, asking the provider each time, and
 * remembers on the calling thread which token it sent, so that a 401 invalidates exactly that
 * token.
 */
final class AuthInterceptor implements RequestInterceptor {
  private final AccessTokenProvider tokens;
  private final ThreadLocal<SafeText.Secret> lastSent = new ThreadLocal<>();
  private volatile SafeText.Secret current; // the token most calls send, worked out once

  AuthInterceptor(AccessTokenProvider tokens) {
    this.tokens = tokens;
  }

  @Override
  public void apply(RequestTemplate template) {
    lastSent.remove();
    String token;
    try {
      token = tokens.accessToken();
      HeaderRules.checkToken(token);
    } catch (ZuoraException | IllegalArgumentException e) {
      throw e; // a token refused or malformed, as documented
    } catch (RuntimeException e) {
      // A provider's own failure: no request leaves.
      throw new ZuoraTokenException(
          "the access token provider failed: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          ZuoraException.Context.of(0, null, null, null, List.of()),
          e);
    }
    SafeText.Secret secret = current;
    if (secret == null || !secret.value().equals(token)) {
      secret = SafeText.Secret.of(token);
      current = secret;
    }
    lastSent.set(secret);
    template.header("Authorization", "Bearer " + token);
  }

  /** {@code text} without the token this thread last sent. */
  String scrub(String text) {
    SafeText.Secret secret = lastSent.get();
    return secret == null ? text : secret.scrub(text);
  }

  /** Lets the provider drop the token this thread last sent; true if a retry may succeed. */
  boolean invalidateLastSent() {
    SafeText.Secret secret = lastSent.get();
    lastSent.remove();
    return secret != null && tokens.invalidate(secret.value());
  }

  @Override
  public String toString() {
    return "AuthInterceptor(****)";
  }
}
