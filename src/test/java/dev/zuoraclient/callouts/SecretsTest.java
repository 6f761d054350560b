package dev.zuoraclient.callouts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.testing.HttpLogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token never shows: not in logs at the most verbose level, messages or toString(). */
class SecretsTest {
  static final String TOKEN = "s3cr3t-token-7d1e0c";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension final HttpLogCapture httpLog = new HttpLogCapture();
  private final List<String> logged = httpLog.lines();

  private CalloutResendClient client() {
    return CalloutResendClient.builder()
        .baseUri(wm.baseUrl())
        .accessToken(TOKEN)
        .httpLogLevel(HttpLogLevel.FULL)
        .build();
  }

  @Test
  void fullLogging_showsTheExchange_butNeverTheTokenOrAuthorization() {
    wm.stubFor(
        post(urlEqualTo(CalloutResendClientTest.PATH))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"h2\":{\"code\":\"ObjectNotFound\",\"message\":\"gone\"}}")));

    client().resend(List.of("h1", "h2"), ResendOptions.builder().trackId("track-log").build());

    String all = String.join("\n", logged);
    assertThat(all)
        .contains("POST " + wm.baseUrl() + CalloutResendClientTest.PATH)
        .contains("Zuora-Track-Id: track-log")
        .contains("[\"h1\",\"h2\"]")
        .contains("ObjectNotFound")
        .doesNotContain(TOKEN)
        .doesNotContainIgnoringCase("Authorization");
  }

  @Test
  void headersLogging_ofATokenAnswer_neverShowsTheIssuedToken_evenWhereTheServerEchoesIt() {
    String issued = "issued-tok-3b9d0e7a";
    String secret = "client-secret-6f2a91";
    wm.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Zuora-Request-Id", issued)
                    .withHeader("X-Echo", "token " + issued)
                    .withHeader("Set-Cookie", "ZSession=" + issued)
                    .withBody(
                        "{\"access_token\":\""
                            + issued
                            + "\",\"token_type\":\"bearer\",\"expires_in\":3599}")));
    wm.stubFor(
        post(urlEqualTo(CalloutResendClientTest.PATH)).willReturn(aResponse().withStatus(202)));

    CalloutResendClient.builder()
        .baseUri(wm.baseUrl())
        .clientCredentials("client-1", secret)
        .httpLogLevel(HttpLogLevel.HEADERS)
        .build()
        .resend(List.of("h1"));

    String all = String.join("\n", logged);
    assertThat(all)
        .contains("token ---> POST " + wm.baseUrl() + "/oauth/token")
        .contains("token <--- 200 in ")
        .contains("Zuora-Request-Id: ****")
        .containsIgnoringCase("X-Echo: token ****")
        .contains("attempt 1/3 ---> POST " + wm.baseUrl() + CalloutResendClientTest.PATH)
        .doesNotContain(issued)
        .doesNotContain(secret)
        .doesNotContainIgnoringCase("Set-Cookie")
        .doesNotContainIgnoringCase("Authorization");
  }

  @Test
  void exceptions_neverShowTheToken() {
    wm.stubFor(
        post(urlEqualTo(CalloutResendClientTest.PATH))
            .willReturn(
                aResponse().withStatus(401).withBody("{\"message\":\"Authentication error\"}")));

    Throwable e = catchThrowable(() -> client().resend(List.of("h1")));

    assertThat(e).hasMessageNotContaining(TOKEN);
    assertThat(e.toString()).doesNotContain(TOKEN);
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      assertThat(c.toString()).doesNotContain(TOKEN);
    }
    assertThat(String.join("\n", logged)).doesNotContain(TOKEN);
  }

  @Test
  void toString_ofClientAndTokenProvider_redactsTheToken() {
    assertThat(client().toString()).doesNotContain(TOKEN).contains(wm.baseUrl());
    assertThat(AccessTokenProvider.fixed(TOKEN).toString()).doesNotContain(TOKEN).contains("****");
  }
}
