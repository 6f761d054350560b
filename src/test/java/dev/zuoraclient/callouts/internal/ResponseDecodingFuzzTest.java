package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.exception.ZuoraException;
import feign.Request;
import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Feeds arbitrary answers (status, headers, body bytes) through the whole decoding path: Feign, the
 * generated decoder, the error decoder and the outcome mapper. Only a result or one of the
 * documented exceptions may come out, and a result always accounts for every ID exactly once.
 *
 * <p>{@code mvn verify} replays the inputs under {@code src/test/resources/.../
 * ResponseDecodingFuzzTestInputs}; {@code JAZZER_FUZZ=1 mvn test -Dtest=ResponseDecodingFuzzTest}
 * fuzzes (see the README).
 */
class ResponseDecodingFuzzTest {
  private static final List<String> IDS = List.of("h1", "h2", "h3");
  private static final String[] HEADER_NAMES = {
    "Content-Type",
    "Content-Encoding",
    "Zuora-Request-Id",
    "Zuora-Track-Id",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "WWW-Authenticate",
    "Content-Length"
  };

  @FuzzTest(maxDuration = "60s")
  void anyAnswer_givesAResultOrADocumentedException(FuzzedDataProvider data) {
    int status = data.consumeInt(100, 599);
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int headerCount = data.consumeInt(0, 6);
    for (int i = 0; i < headerCount; i++) {
      String name = data.pickValue(HEADER_NAMES);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(data.consumeString(80));
    }
    byte[] body = data.consumeRemainingAsBytes();
    decode(status, headers, body);
  }

  private record Answer(int status, Map<String, Collection<String>> headers, byte[] body) {}

  /** The answer the canned transport gives next; Jazzer runs one input at a time. */
  private static volatile Answer next;

  private static final ResendExecutor EXECUTOR =
      new ResendExecutor(
          URI.create("http://127.0.0.1:9"),
          AccessTokenProvider.fixed("tok"),
          new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
          HttpLogLevel.NONE,
          RetryPolicy.none(),
          d -> {
            throw new AssertionError("no retry with RetryPolicy.none()");
          },
          Clock.systemUTC(),
          ResponseDecodingFuzzTest::answer,
          Telemetry.NONE);

  /** What Client.Default does with an answer: inflate it as its Content-Encoding says. */
  private static Response answer(Request request, Request.Options options) throws IOException {
    Answer a = next;
    InputStream in = new ByteArrayInputStream(a.body());
    Collection<String> encoding = a.headers().get("Content-Encoding");
    if (encoding != null && encoding.contains("gzip")) {
      in = new GZIPInputStream(in);
    } else if (encoding != null && encoding.contains("deflate")) {
      in = new InflaterInputStream(in);
    }
    return Response.builder()
        .status(a.status())
        .reason("fuzzed")
        .headers(a.headers())
        .request(request)
        .body(in, null)
        .build();
  }

  /** Sends one call whose answer is the given one. */
  static void decode(int status, Map<String, Collection<String>> headers, byte[] body) {
    next = new Answer(status, headers, body);
    ResendExecutor executor = EXECUTOR;
    try {
      ResendResult result = executor.resend(new ResendCall(IDS, null, "key", null, null, false));
      List<String> seen = new ArrayList<>(result.accepted());
      result.failures().stream().map(ResendFailure::id).forEach(seen::add);
      assertThat(seen).containsExactlyInAnyOrderElementsOf(IDS);
    } catch (ZuoraException expected) {
      assertThat(expected.ids()).isEqualTo(IDS);
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
