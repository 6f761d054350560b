package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import java.util.List;
import java.util.Map;

/**
 * The credentials of a run against a real server, from environment variables only: a secret on the
 * command line would be visible to every user of the machine and kept in shell history.
 *
 * <p>{@value #ACCESS_TOKEN} wins over {@value #CLIENT_ID} and {@value #CLIENT_SECRET}. {@link
 * #toString()} never shows the token or the secret.
 */
final class Credentials {
  static final String ACCESS_TOKEN = "ZUORA_ACCESS_TOKEN";
  static final String CLIENT_ID = "ZUORA_CLIENT_ID";
  static final String CLIENT_SECRET = "ZUORA_CLIENT_SECRET";

  private final String accessToken;
  private final String clientId;
  private final String clientSecret;

  private Credentials(String accessToken, String clientId, String clientSecret) {
    this.accessToken = accessToken;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /**
   * The credentials in {@code env}.
   *
   * @throws IllegalArgumentException when none are set, or only half of a client's
   */
  static Credentials fromEnv(Map<String, String> env) {
    String token = nonBlank(env.get(ACCESS_TOKEN));
    if (token != null) {
      return new Credentials(token, null, null);
    }
    String id = nonBlank(env.get(CLIENT_ID));
    String secret = nonBlank(env.get(CLIENT_SECRET));
    if (id != null && secret != null) {
      return new Credentials(null, id, secret);
    }
    if (id != null || secret != null) {
      throw new IllegalArgumentException(
          (id == null ? CLIENT_ID : CLIENT_SECRET)
              + " is not set, but "
              + (id == null ? CLIENT_SECRET : CLIENT_ID)
              + " is: set both, or "
              + ACCESS_TOKEN);
    }
    throw new IllegalArgumentException(
        "no credentials: set "
            + ACCESS_TOKEN
            + ", or "
            + CLIENT_ID
            + " and "
            + CLIENT_SECRET
            + " (or use --simulator to try the command without Zuora)");
  }

  /**
   * The credential variables set in {@code env} (to a value that is not blank, as {@link #fromEnv}
   * reads them), in a fixed order, whether or not they make complete credentials: any of them shows
   * that the operator meant to reach Zuora.
   */
  static List<String> present(Map<String, String> env) {
    return List.of(ACCESS_TOKEN, CLIENT_ID, CLIENT_SECRET).stream()
        .filter(name -> nonBlank(env.get(name)) != null)
        .toList();
  }

  /** "A is set", "A and B are set", "A, B and C are set": the names, never the values. */
  static String areSet(List<String> names) {
    int last = names.size() - 1;
    return last == 0
        ? names.get(0) + " is set"
        : String.join(", ", names.subList(0, last)) + " and " + names.get(last) + " are set";
  }

  /** True when a ready token is set, so that no token request is made. */
  boolean hasAccessToken() {
    return accessToken != null;
  }

  /**
   * The fixed token of {@value #ACCESS_TOKEN}.
   *
   * @throws IllegalArgumentException when it is malformed (the message never shows it)
   */
  AccessTokenProvider accessToken() {
    return AccessTokenProvider.fixed(accessToken);
  }

  /**
   * Tokens for the OAuth client of {@value #CLIENT_ID}. A token is fetched on the first request and
   * reused by every batch of the run (the provider caches it), so a run costs one call to Zuora's
   * rate-limited token endpoint.
   *
   * @param environment the server, or null when {@code baseUrl} is set
   * @param baseUrl the server, or null when {@code environment} is set
   * @throws IllegalArgumentException when the server is not acceptable
   */
  AccessTokenProvider clientCredentials(
      ZuoraEnvironment environment, String baseUrl, HttpLogLevel logLevel) {
    ClientCredentialsTokenProvider.Builder b =
        ClientCredentialsTokenProvider.builder()
            .clientId(clientId)
            .clientSecret(clientSecret)
            .httpLogLevel(logLevel)
            .applicationId(CliVersion.USER_AGENT_TOKEN);
    if (baseUrl != null) {
      b.baseUri(baseUrl);
    } else {
      b.environment(environment);
    }
    return b.build();
  }

  /** Which variables are used, for a note on stderr; never a secret. */
  String source() {
    return accessToken != null
        ? ACCESS_TOKEN
        : CLIENT_ID + " (" + clientId + ") and " + CLIENT_SECRET;
  }

  @Override
  public String toString() {
    return "Credentials{" + source() + ", values not shown}";
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
