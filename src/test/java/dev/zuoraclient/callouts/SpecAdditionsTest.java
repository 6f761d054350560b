package dev.zuoraclient.callouts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Zuora adds without a new release of this library reaches the caller: fields of a failure
 * that the spec does not name, and every response header the spec declares.
 */
class SpecAdditionsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static CalloutResendClient client() {
    return CalloutResendClient.builder()
        .baseUri(wm.baseUrl())
        .accessToken("tok-9f8e7d6c5b4a")
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  @Test
  void fieldsOfAFailureTheSpecDoesNotName_areInExtra_inTheOrderSent() {
    wm.stubFor(
        post(urlEqualTo("/notifications/callout-histories/resend"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"b\":{\"code\":\"InvalidValue\",\"retryable\":false,"
                            + "\"message\":\"Callouts created by Workflow cannot be resent.\","
                            + "\"detail\":{\"workflowId\":42,\"tags\":[\"x\",\"y\"]},"
                            + "\"echo\":\"Bearer tok-9f8e7d6c5b4a\","
                            + "\"nested\":{\"auth\":\"Bearer tok-9f8e7d6c5b4a\"},"
                            + "\"list\":[\"tok-9f8e7d6c5b4a\"]}}")));

    ResendResult result = client().resend(List.of("a", "b"));

    ResendFailure failure = result.failures().get(0);
    assertThat(failure.code()).isEqualTo("InvalidValue");
    assertThat(failure.message()).isEqualTo("Callouts created by Workflow cannot be resent.");
    assertThat(failure.extra().keySet())
        .containsExactly("retryable", "detail", "echo", "nested", "list");
    assertThat(failure.extra().get("retryable")).isEqualTo(false);
    assertThat(failure.extra().get("detail"))
        .isEqualTo(Map.of("workflowId", 42, "tags", List.of("x", "y")));
    // text from the answer is scrubbed of the token, as code and message are
    assertThat((String) failure.extra().get("echo")).doesNotContain("tok-9f8e7d6c5b4a");
    assertThat(failure.extra().toString()).doesNotContain("tok-9f8e7d6c5b4a");
    assertThat(result.toString()).doesNotContain("tok-9f8e7d6c5b4a");
  }

  @Test
  void aFailureWithCodeAndMessageOnly_hasNoExtra() {
    wm.stubFor(
        post(urlEqualTo("/notifications/callout-histories/resend"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"a\":{\"code\":\"ObjectNotFound\",\"message\":\"gone\"}}")));

    ResendResult result = client().resend(List.of("a"));

    assertThat(result.failures()).containsExactly(new ResendFailure("a", "ObjectNotFound", "gone"));
    assertThat(result.failures().get(0).extra()).isEmpty();
  }

  @Test
  void headers_holdEveryResponseHeaderTheSpecDeclares_andNoOther() {
    wm.stubFor(
        post(urlEqualTo("/notifications/callout-histories/resend"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Zuora-Request-Id", "0c5f3c2e-1a2b-4c3d-8e9f-001122334455")
                    .withHeader("RateLimit-Limit", "50000;w=60")
                    .withHeader("RateLimit-Remaining", "49999")
                    .withHeader("RateLimit-Reset", "59")
                    .withHeader("X-Not-In-The-Spec", "1")));

    ResendResult result = client().resend(List.of("a"));

    assertThat(result.headers())
        .containsExactly(
            Map.entry("Zuora-Request-Id", "0c5f3c2e-1a2b-4c3d-8e9f-001122334455"),
            Map.entry("RateLimit-Limit", "50000;w=60"),
            Map.entry("RateLimit-Remaining", "49999"),
            Map.entry("RateLimit-Reset", "59"));
  }
}
