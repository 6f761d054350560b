package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.DataQueryHttp.FROM;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.TO;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.download;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.ended;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.rows;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.sql;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.submitted;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.testing.ManualClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The storage host: S3's refusals, and the faults a download can meet. */
class ResultFileTest {

  @Test
  void aDownloadWithAnAuthorizationHeader_is400_onlyOneAuthMechanism() {
    try (ZuoraSimulator sim = simulator(20)) {
      String url = completedFile(sim, "GZIP");

      HttpResponse<byte[]> answer = download(url, "Authorization", "Bearer " + DataQueryHttp.TOKEN);

      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/xml");
      assertThat(text(answer))
          .contains("<Code>InvalidArgument</Code>", "Only one auth mechanism allowed")
          .doesNotContain(DataQueryHttp.TOKEN);
      assertThat(sim.resultFileRequests())
          .singleElement()
          .satisfies(r -> assertThat(r.header("Authorization")).isPresent());
    }
  }

  @Test
  void expireNextResultUrl_makesTheNextCompletedJobsUrl403_requestHasExpired() {
    try (ZuoraSimulator sim = simulator(20)) {
      sim.expireNextResultUrl();
      String expired = completedFile(sim, "GZIP");
      String fresh = completedFile(sim, "GZIP");

      HttpResponse<byte[]> answer = download(expired);

      assertThat(answer.statusCode()).isEqualTo(403);
      assertThat(text(answer)).contains("<Code>AccessDenied</Code>", "Request has expired");
      assertThat(download(fresh).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aUrl_expiresAnHourAfterItWasSigned_byTheSimulatorsClock() {
    ManualClock clock = new ManualClock(TO.plus(Duration.ofDays(1)));
    try (ZuoraSimulator sim = simulator(20, clock)) {
      String url = completedFile(sim, "NONE");
      clock.advance(Duration.ofMinutes(60));
      assertThat(download(url).statusCode()).isEqualTo(200);

      clock.advance(Duration.ofSeconds(1));

      assertThat(text(download(url))).contains("Request has expired");
    }
  }

  @Test
  void aTamperedUrl_is403_signatureDoesNotMatch() {
    try (ZuoraSimulator sim = simulator(20)) {
      String url = completedFile(sim, "GZIP");
      String other = completedFile(sim, "GZIP");
      String badSignature = url.substring(0, url.length() - 1) + (url.endsWith("0") ? "1" : "0");
      String longer = url.replace("X-Amz-Expires=3600", "X-Amz-Expires=86400");
      String otherPath = other.substring(0, other.indexOf('?')) + url.substring(url.indexOf('?'));

      for (String tampered : List.of(badSignature, longer, otherPath)) {
        HttpResponse<byte[]> answer = download(tampered);
        assertThat(answer.statusCode()).as(tampered).isEqualTo(403);
        assertThat(text(answer)).contains("<Code>SignatureDoesNotMatch</Code>");
      }
    }
  }

  @Test
  void aFileOfAForgottenJob_is404_noSuchKey() {
    try (ZuoraSimulator sim = simulator(20)) {
      String url = completedFile(sim, "GZIP");
      sim.reset();

      HttpResponse<byte[]> answer = download(url);

      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(text(answer)).contains("<Code>NoSuchKey</Code>");
    }
  }

  @Test
  void truncateNextResultFile_withAContentLength_closesBeforeTheLength() {
    try (ZuoraSimulator sim = simulator(20)) {
      String url = completedFile(sim, "NONE");
      sim.truncateNextResultFile(100);

      RawHttp.Response cut = RawHttp.get(url);
      RawHttp.Response whole = RawHttp.get(url);

      assertThat(cut.chunked()).isFalse();
      assertThat(cut.contentLength()).isEqualTo(whole.body().length).isGreaterThan(100);
      assertThat(cut.body()).hasSize(100);
      assertThat(cut.complete()).isFalse();
      assertThat(whole.complete()).isTrue();
      sim.truncateNextResultFile(100);
      assertThatThrownBy(() -> download(url)).isInstanceOf(UncheckedIOException.class);
    }
  }

  @Test
  void truncateNextResultFile_whenChunked_closesWithoutTheLastChunk() {
    // Over the 1 MiB a file may take to get a Content-Length: sent chunked.
    try (ZuoraSimulator sim = simulator(10_000)) {
      String url = completedFile(sim, "NONE");
      sim.truncateNextResultFile(50_000);

      RawHttp.Response cut = RawHttp.get(url);

      assertThat(cut.chunked()).isTrue();
      assertThat(cut.body()).hasSize(50_000);
      assertThat(cut.complete()).isFalse();
      sim.truncateNextResultFile(50_000);
      assertThatThrownBy(() -> download(url)).isInstanceOf(UncheckedIOException.class);
      assertThat(RawHttp.get(url).complete()).isTrue();
    }
  }

  @Test
  void slowNextResultFile_dripsTheBody() {
    try (ZuoraSimulator sim = simulator(20)) {
      String url = completedFile(sim, "NONE");
      sim.slowNextResultFile(Duration.ofMillis(40));
      long start = System.nanoTime();

      HttpResponse<byte[]> slow = download(url);

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(slow.body().length).isGreaterThan(2048);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(80));
      assertThat(rows(slow.body(), false)).hasSize(20);
    }
  }

  @Test
  void redirectNextResultFile_answers302WithTheLocation() {
    try (ZuoraSimulator sim = simulator(20)) {
      String url = completedFile(sim, "GZIP");
      sim.redirectNextResultFile(URI.create(url));

      HttpResponse<byte[]> redirected = download(url);

      assertThat(redirected.statusCode()).isEqualTo(302);
      assertThat(redirected.headers().firstValue("Location")).hasValue(url);
      assertThat(download(url).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aMillionGeneratedRows_areCountedAndStreamedGzipped() throws IOException {
    Instant from = FROM.minus(Duration.ofDays(30));
    try (ZuoraSimulator sim =
        ZuoraSimulator.builder()
            .acceptToken(DataQueryHttp.TOKEN)
            .queryJobDelay(Duration.ZERO)
            .generatedFailures(1_000_000, from, TO)
            .start()) {
      var job = ended(sim, submitted(sim, sql(q -> q.from(from)), "GZIP"));
      assertThat(job.path("outputRows").asLong()).isEqualTo(1_000_000);

      HttpResponse<InputStream> file = DataQueryHttp.downloadStream(job.path("dataFile").asText());
      long lines = 0;
      String first = null;
      String last = null;
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(file.body(), 1 << 16), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; lines++) {
          if (first == null) {
            first = line;
          }
          last = line;
        }
      }

      assertThat(file.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
      assertThat(lines).isEqualTo(1_000_000);
      assertThat(first).contains("\"create_time\":\"2026-11-01T00:00:00.000Z\"");
      assertThat(DataQueryHttp.MAPPER.readTree(last).path("id").asText())
          .hasSize(32)
          .matches("[0-9a-f]+");
    }
  }

  private static ZuoraSimulator simulator(int failures) {
    return simulator(failures, null);
  }

  private static ZuoraSimulator simulator(int failures, ManualClock clock) {
    List<CalloutRecord> history = new ArrayList<>();
    for (int i = 0; i < failures; i++) {
      history.add(
          CalloutRecord.failed(String.format("%032x", i), FROM.plusSeconds(i), 500)
              .withEventCategory("InvoicePosted")
              .withNotification("n1")
              .withObject("object-" + i)
              .withAccount("account-" + i % 10));
    }
    ZuoraSimulator.Builder b =
        ZuoraSimulator.builder()
            .acceptToken(DataQueryHttp.TOKEN)
            .queryJobDelay(Duration.ZERO)
            .calloutHistory(history);
    return (clock == null ? b : b.clock(clock)).start();
  }

  private static String completedFile(ZuoraSimulator sim, String compression) {
    return ended(sim, submitted(sim, sql(), compression)).path("dataFile").asText();
  }
}
