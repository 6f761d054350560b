package dev.zuoraclient.callouts.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

/** Requests to a simulator over real HTTP, for the tests of what it keeps and how it fails. */
final class SimulatorHttp {
  static final String TOKEN = "test-token";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private SimulatorHttp() {}

  /**
   * A resend of {@code ids} with {@link #TOKEN}, and {@code key} as its Idempotency-Key unless
   * null.
   */
  static HttpResponse<byte[]> resend(ZuoraSimulator sim, List<String> ids, String key) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(sim.baseUri().resolve(ZuoraSimulator.RESEND_PATH))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + TOKEN)
              .POST(BodyPublishers.ofString(MAPPER.writeValueAsString(ids), UTF_8));
      if (key != null) {
        request.header("Idempotency-Key", key);
      }
      return send(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A token request with this form body. */
  static HttpResponse<byte[]> token(ZuoraSimulator sim, String form) {
    return send(
        HttpRequest.newBuilder(sim.baseUri().resolve(ZuoraSimulator.TOKEN_PATH))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString(form, UTF_8)));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
