package dev.zuoraclient.callouts.pact;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.model.MockServerImplementation;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What this client needs from Zuora's OAuth token endpoint: a client credentials grant sent as a
 * form, answered with a bearer token and its lifetime. The test drives the real {@link
 * ClientCredentialsTokenProvider} against Pact's mock server.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(
    providerName = PactParticipants.OAUTH_PROVIDER,
    pactVersion = PactSpecVersion.V4,
    mockServerImplementation = MockServerImplementation.JavaHttpServer)
class OAuthTokenPactTest {
  static final String CLIENT_ID = "6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5";
  static final String CLIENT_SECRET = "Zq8vR2xLk4WmT9sNp3JdYh6B";
  static final String ACCESS_TOKEN = "7f7fe1b5b2a24e1c8d0b6f2c1e9d3a44";
  static final int EXPIRES_IN = 3599;

  static final String FORM_TYPE = "application/x-www-form-urlencoded(;\\s*charset=(UTF|utf)-8)?";
  static final String JSON_TYPE = "application/json(;\\s*charset=(UTF|utf)-8)?";

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact tokenGranted(PactDslWithProvider builder) {
    Map<String, Object> client = new TreeMap<>();
    client.put("clientId", CLIENT_ID);
    client.put("clientSecret", CLIENT_SECRET);
    return builder
        .given("an OAuth client exists", client)
        .uponReceiving("a client credentials grant for an existing OAuth client")
        .method("POST")
        .path("/oauth/token")
        .body(
            "client_id="
                + CLIENT_ID
                + "&client_secret="
                + CLIENT_SECRET
                + "&grant_type=client_credentials",
            "application/x-www-form-urlencoded")
        .matchHeader("Content-Type", FORM_TYPE, "application/x-www-form-urlencoded")
        .willRespondWith()
        .status(200)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .body(
            LambdaDsl.newJsonBody(
                    o ->
                        o.stringType("access_token", ACCESS_TOKEN)
                            .stringMatcher("token_type", "[Bb]earer", "bearer")
                            .integerType("expires_in", EXPIRES_IN))
                .build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "tokenGranted")
  void accessToken_withValidClientCredentials_returnsTheGrantedToken(MockServer zuora) {
    ClientCredentialsTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(zuora.getUrl())
            .clientId(CLIENT_ID)
            .clientSecret(CLIENT_SECRET)
            .readTimeout(Duration.ofSeconds(5))
            .build();

    assertThat(tokens.accessToken()).isEqualTo(ACCESS_TOKEN);
    // Cached for its lifetime: a second call makes no second request (Pact would reject it).
    assertThat(tokens.accessToken()).isEqualTo(ACCESS_TOKEN);
  }
}
