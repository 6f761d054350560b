package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import dev.zuoraclient.callouts.internal.generated.api.OAuthApi;
import dev.zuoraclient.callouts.internal.generated.model.ApiResponse;
import dev.zuoraclient.callouts.internal.generated.model.TokenResponse;
import feign.FeignException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /oauth/token} through the generated {@link OAuthApi}, for one OAuth client; failures
 * are typed, and the client secret never appears in a message or log line, even when a server
 * echoes the request.
 */
public final class TokenClient {
  /** The longest lifetime believed: Zuora's tokens live an hour, and an absurd value is a fault. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(1);

  private final OAuthApi api;
  private final String clientId;
  private final String clientSecret;
  private final SafeText.Secret secret;
  private final ObjectMapper mapper = WireSettings.objectMapper();
  private final Telemetry telemetry;
  private final feign.Client transport;

  /** A token issued by Zuora. */
  public record Grant(String accessToken, Duration expiresIn) {
    @Override
    public String toString() {
      return "Grant{accessToken=****, expiresIn=" + expiresIn + '}';
    }
  }

  /**
   * @param baseUri the server
   * @param http timeouts and transport
   * @param logLevel what to log (bodies of token calls are never logged)
   * @param clientId the OAuth client ID
   * @param clientSecret the OAuth client secret
   * @param telemetry where token requests are reported
   */
  public TokenClient(
      URI baseUri,
      HttpSettings http,
      HttpLogLevel logLevel,
      String clientId,
      String clientSecret,
      Telemetry telemetry) {
    this.telemetry = telemetry;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.secret = SafeText.Secret.of(clientSecret);
    this.transport = http.transport();
    this.api =
        WireSettings.feignBuilder(
                mapper, http, new RedactingLogger(logLevel, this::scrub), transport)
            .encoder(new FormEncoder())
            .target(OAuthApi.class, Endpoints.targetUrl(baseUri));
  }

  /**
   * Lets go of the transport: a connection pool of its own is shut down, an application's {@link
   * java.net.http.HttpClient} is left open. Idempotent.
   */
  public void close() {
    if (transport instanceof HttpClientTransport own) {
      own.close();
    }
  }

  /**
   * Asks for a token with the client credentials grant. A lifetime ({@code expires_in}) over {@link
   * #MAX_LIFETIME} is taken as that; a missing or non-positive one as zero (unknown).
   *
   * @throws ZuoraTokenException when Zuora refuses, fails, or cannot be reached
   */
  public Grant fetch() {
    try (Telemetry.Span span = telemetry.start(Telemetry.TOKEN_FETCH)) {
      try {
        Grant grant = fetchOnce();
        span.tag("outcome", "success").tag("status.class", "2xx");
        return grant;
      } catch (ZuoraTokenException e) {
        span.tag("outcome", "failure")
            .tag("status.class", Telemetry.statusClass(e.statusCode().orElse(0)));
        span.error(e);
        throw e;
      }
    }
  }

  private Grant fetchOnce() {
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
      Duration life =
          expiresIn == null || expiresIn <= 0
              ? Duration.ZERO
              : expiresIn >= MAX_LIFETIME.toSeconds()
                  ? MAX_LIFETIME
                  : Duration.ofSeconds(expiresIn);
      return new Grant(token, life);
    } catch (ResponseSignal s) {
      String requestId = scrub(ResponseHeaders.first(s.headers(), ResponseHeaders.REQUEST_ID));
      if (s.isDecodeFailure()) {
        throw failure(
            "Zuora's token answer could not be read", s.httpStatus(), requestId, scrubbed(s));
      }
      throw failure(
          "Zuora refused the token request (" + s.httpStatus() + ")" + messageOf(s.body()),
          s.httpStatus(),
          requestId,
          null);
    } catch (FeignException e) {
      if (e.getCause() instanceof NotConnectedException notConnected) {
        throw failure(
            "the token endpoint could not be reached: " + notConnected.getMessage(),
            0,
            null,
            notConnected.getCause());
      }
      throw failure(
          "the token endpoint could not be reached",
          e.status() > 0 ? e.status() : 0,
          null,
          e.getCause());
    }
  }

  private String scrub(String text) {
    return secret.scrub(text);
  }

  /**
   * The cause of a decode failure, holding nothing of the answer: the token answer carries a secret
   * (its access token), which a JSON error quotes in its message (an unquoted token is an
   * "Unrecognized token 'abc-...'") and keeps in its parser. Such an error is replaced by its kind
   * and position; any other cause is kept, unless its message quotes the client secret.
   */
  private Throwable scrubbed(ResponseSignal s) {
    Throwable cause = s.getCause();
    JsonProcessingException json = null;
    for (Throwable t = cause; t != null && json == null; t = t.getCause()) {
      json = t instanceof JsonProcessingException j ? j : null;
    }
    if (json != null) {
      JsonLocation at = json.getLocation();
      return new IOException(
          "the token answer is not the expected JSON ("
              + json.getClass().getSimpleName()
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + "; the answer is not shown: it may hold a token)");
    }
    String message = cause == null ? null : cause.getMessage();
    String clean = scrub(message);
    return message == null || message.equals(clean)
        ? cause
        : new IOException(cause.getClass().getSimpleName() + ": " + clean);
  }

  private static ZuoraTokenException failure(
      String detail, int status, String requestId, Throwable cause) {
    return new ZuoraTokenException(
        detail, ZuoraException.Context.of(status, requestId, null, null, List.of()), cause);
  }

  private String messageOf(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode node = mapper.readTree(body);
      JsonNode message = node == null ? null : node.get("message");
      return message != null && message.isTextual() ? ": " + scrub(message.asText()) : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
