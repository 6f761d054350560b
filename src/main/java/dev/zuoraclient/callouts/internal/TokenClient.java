package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import dev.zuoraclient.callouts.internal.generated.api.OAuthApi;
import dev.zuoraclient.callouts.internal.generated.model.ApiResponse;
import dev.zuoraclient.callouts.internal.generated.model.TokenResponse;
import feign.FeignException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** {@code POST /oauth/token} through the generated {@link OAuthApi}; failures are typed. */
public final class TokenClient {
  private final OAuthApi api;

  /** A token issued by Zuora. */
  public record Grant(String accessToken, Duration expiresIn) {
    @Override
    public String toString() {
      return "Grant{accessToken=****, expiresIn=" + expiresIn + '}';
    }
  }

  /**
   * @param baseUri the server
   * @param connectTimeout connect timeout
   * @param readTimeout read timeout
   * @param logLevel what to log (bodies of token calls are never logged)
   */
  public TokenClient(
      URI baseUri, Duration connectTimeout, Duration readTimeout, HttpLogLevel logLevel) {
    this.api =
        FeignSupport.builder(FeignSupport.objectMapper(), connectTimeout, readTimeout, logLevel)
            .encoder(new FormEncoder())
            .target(OAuthApi.class, Endpoints.targetUrl(baseUri));
  }

  /**
   * Asks for a token with the client credentials grant.
   *
   * @throws ZuoraTokenException when Zuora refuses, fails, or cannot be reached
   */
  public Grant fetch(String clientId, String clientSecret) {
    try {
      ApiResponse<TokenResponse> response =
          api.createTokenWithHttpInfo(clientId, clientSecret, "client_credentials");
      TokenResponse body = response.getData();
      String token = body == null ? null : body.getAccessToken();
      if (token == null || token.isEmpty()) {
        throw failure(
            "Zuora's token answer has no access_token", response.getStatusCode(), null, null);
      }
      try {
        HeaderRules.checkToken(token);
      } catch (IllegalArgumentException e) {
        throw failure(
            "Zuora's token answer holds an unusable token", response.getStatusCode(), null, null);
      }
      Long expiresIn = body.getExpiresIn();
      return new Grant(
          token, Duration.ofSeconds(expiresIn == null || expiresIn <= 0 ? 0 : expiresIn));
    } catch (ResponseSignal s) {
      String requestId = ResponseHeaders.first(s.headers(), ResponseHeaders.REQUEST_ID);
      if (s.isDecodeFailure()) {
        throw failure(
            "Zuora's token answer could not be read", s.httpStatus(), requestId, s.getCause());
      }
      throw failure(
          "Zuora refused the token request (" + s.httpStatus() + ")" + messageOf(s.body()),
          s.httpStatus(),
          requestId,
          null);
    } catch (FeignException e) {
      throw failure(
          "the token endpoint could not be reached",
          e.status() > 0 ? e.status() : 0,
          null,
          e.getCause());
    }
  }

  private static ZuoraTokenException failure(
      String detail, int status, String requestId, Throwable cause) {
    return new ZuoraTokenException(
        detail, ZuoraException.Context.of(status, requestId, null, null, List.of()), cause);
  }

  private static String messageOf(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      com.fasterxml.jackson.databind.JsonNode node = FeignSupport.objectMapper().readTree(body);
      com.fasterxml.jackson.databind.JsonNode message = node == null ? null : node.get("message");
      return message != null && message.isTextual() ? ": " + message.asText() : "";
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }
}
