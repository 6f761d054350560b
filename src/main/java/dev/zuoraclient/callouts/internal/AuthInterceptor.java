package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import feign.RequestInterceptor;
import feign.RequestTemplate;

/** Adds {@code Authorization: Bearer <token>} to each request, asking the provider each time. */
final class AuthInterceptor implements RequestInterceptor {
  private final AccessTokenProvider tokens;

  AuthInterceptor(AccessTokenProvider tokens) {
    this.tokens = tokens;
  }

  @Override
  public void apply(RequestTemplate template) {
    String token = tokens.accessToken();
    HeaderRules.checkToken(token);
    template.header("Authorization", "Bearer " + token);
  }

  @Override
  public String toString() {
    return "AuthInterceptor(****)";
  }
}
