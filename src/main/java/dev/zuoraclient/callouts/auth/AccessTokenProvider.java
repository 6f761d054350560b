package dev.zuoraclient.callouts.auth;

import dev.zuoraclient.callouts.internal.HeaderRules;
import java.util.Objects;

/**
 * Supplies the bearer token for each request. The client calls {@link #accessToken()} once per HTTP
 * request, from any thread, so an implementation must be thread-safe and should cache: a provider
 * that fetches a new OAuth token per call would hit Zuora's token rate limit.
 */
@FunctionalInterface
public interface AccessTokenProvider {

  /** The bearer token to send, without the {@code Bearer } prefix. */
  String accessToken();

  /**
   * Called when Zuora answered 401 to a request that carried {@code rejectedToken}. A provider that
   * can get a new token forgets the rejected one (if it is still its current token) and returns
   * true; the client then retries that request once. The default returns false: a fixed token
   * cannot be refreshed.
   */
  default boolean invalidate(String rejectedToken) {
    return false;
  }

  /**
   * A provider that always returns the same token. Its {@code toString()} does not show it.
   *
   * @throws IllegalArgumentException if the token is blank or contains whitespace or control
   *     characters (the message never shows the token)
   */
  static AccessTokenProvider fixed(String token) {
    Objects.requireNonNull(token, "token");
    HeaderRules.checkToken(token);
    return new AccessTokenProvider() {
      @Override
      public String accessToken() {
        return token;
      }

      @Override
      public String toString() {
        return "AccessTokenProvider.fixed(****)";
      }
    };
  }
}
