package dev.zuoraclient.callouts.pact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.model.MockServerImplementation;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.history.FailedCallout;
import dev.zuoraclient.callouts.history.FailedCallouts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code findFailedCallouts} needs from the storage host of a Data Query result file: a {@code
 * GET} of the job's pre-signed URL, answered with the rows as gzipped JSON Lines. The Data Query
 * API is a small local server here (its own pact is {@link DataQueryPactTest}) whose completed job
 * points its {@code dataFile} at Pact's mock server, the storage host.
 *
 * <p>The body is matched by its content type (gzip, detected from its bytes), not byte for byte: a
 * provider's compressor need not write the example's bytes.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(
    providerName = PactParticipants.QUERY_RESULTS_PROVIDER,
    pactVersion = PactSpecVersion.V4,
    mockServerImplementation = MockServerImplementation.JavaHttpServer)
class QueryResultFilePactTest {
  static final String JOB = DataQueryPactTest.JOB;
  static final String PATH = "/query-results/" + JOB + ".jsonl.gz";
  static final List<String> IDS =
      List.of("2c92c0f8628a3a0e01628f4a6b2c4d10", "2c92c0f8628a3a0e01628f4a6b2c4d11");

  // The example pre-signed URL's parameters, each a rule and an example (decoded). The client sends
  // the URL as the job gave it; the rules say what a storage host's URL looks like, so that the
  // provider may sign its own.
  static final Map<String, String[]> PARAMETERS = parameters();

  static final String GZIP = "application/gzip";
  static final String STORAGE_TYPES =
      "application/(gzip|x-gzip|octet-stream|x-ndjson)|binary/octet-stream";

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact resultFile(PactDslWithProvider builder) {
    Map<String, Object> state = new TreeMap<>();
    state.put("jobId", JOB);
    state.put("ids", IDS);
    state.put("url", PATH + "?" + query());
    var request =
        builder
            .given("a result file exists at a pre-signed URL", state)
            .uponReceiving("a download of a query job's result file")
            .method("GET")
            .matchPath("/query-results/[A-Za-z0-9-]{1,64}\\.jsonl\\.gz", PATH);
    for (Map.Entry<String, String[]> p : PARAMETERS.entrySet()) {
      request = request.matchQuery(p.getKey(), p.getValue()[0], p.getValue()[1]);
    }
    return request
        .willRespondWith()
        .status(200)
        .withBinaryData(storedGzip(jsonLines(IDS)), GZIP)
        // The client tells gzip by its magic bytes, not by this header, which storage hosts set
        // in several ways.
        .matchHeader("Content-Type", STORAGE_TYPES, GZIP)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "resultFile")
  void find_downloadsTheResultFileFromItsPresignedUrl_andReturnsItsRows(MockServer storage)
      throws IOException {
    HttpServer api = dataQueryApi(storage.getUrl() + PATH + "?" + query());
    List<String> states = new ArrayList<>();
    try (CalloutResendClient client =
            CalloutResendClient.builder()
                .baseUri("http://127.0.0.1:" + api.getAddress().getPort())
                .accessToken(DataQueryPactTest.TOKEN)
                .retryPolicy(RetryPolicy.none())
                .readTimeout(Duration.ofSeconds(5))
                .build();
        FailedCallouts found =
            client.findFailedCallouts(
                DataQueryPactTest.query(Duration.ofSeconds(30)),
                (jobId, state, elapsed) -> states.add(state))) {

      assertThat(found.ids()).containsExactlyElementsOf(IDS);
      assertThat(found.stream().map(FailedCallout::responseCode)).containsExactly(500, -1);
      assertThat(found.summary().jobId()).isEqualTo(JOB);
      assertThat(states).containsExactly("accepted", "completed", "downloading");
    } finally {
      api.stop(0);
    }
  }

  // ---- the stand-in for the Data Query API ----

  /** Answers the submission with an accepted job, and every poll with it completed. */
  private static HttpServer dataQueryApi(String dataFile) throws IOException {
    HttpServer api =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext(
        "/query/jobs",
        e -> {
          String job =
              e.getRequestMethod().equals("POST")
                  ? "{\"data\":{\"id\":\"" + JOB + "\",\"queryStatus\":\"accepted\"}}"
                  : "{\"data\":{\"id\":\""
                      + JOB
                      + "\",\"queryStatus\":\"completed\",\"outputRows\":"
                      + IDS.size()
                      + ",\"dataFile\":\""
                      + dataFile
                      + "\"}}";
          reply(e, job.getBytes(UTF_8));
        });
    api.start();
    return api;
  }

  private static void reply(HttpExchange e, byte[] body) throws IOException {
    e.getRequestBody().readAllBytes();
    e.getResponseHeaders().add("Content-Type", "application/json");
    e.sendResponseHeaders(200, body.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(body);
    }
  }

  // ---- the example file and URL ----

  private static Map<String, String[]> parameters() {
    Map<String, String[]> p = new TreeMap<>();
    p.put("X-Amz-Algorithm", new String[] {"AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256"});
    p.put(
        "X-Amz-Credential",
        new String[] {
          "[^/\\s]+/\\d{8}/[a-z0-9-]+/s3/aws4_request", "EXAMPLE/20261201/us-west-2/s3/aws4_request"
        });
    p.put("X-Amz-Date", new String[] {"\\d{8}T\\d{6}Z", "20261201T060500Z"});
    p.put("X-Amz-Expires", new String[] {"\\d+", "3600"});
    p.put(
        "X-Amz-Signature",
        new String[] {
          "[0-9a-f]{64}", "8f1d6c0b2a4e7f3d5c9b1a0e2f4d6c8b0a1e3f5d7c9b2a4e6f8d0c1b3a5e7f9d"
        });
    p.put("X-Amz-SignedHeaders", new String[] {"[a-z0-9;-]+", "host"});
    return p;
  }

  /** The example URL's query string, encoded as a storage host writes it. */
  static String query() {
    StringBuilder q = new StringBuilder();
    for (Map.Entry<String, String[]> p : PARAMETERS.entrySet()) {
      q.append(q.length() == 0 ? "" : "&")
          .append(p.getKey())
          .append('=')
          .append(p.getValue()[1].replace("/", "%2F"));
    }
    return q.toString();
  }

  /** The rows a completed job's file holds for these IDs, as Data Query writes them. */
  private static byte[] jsonLines(List<String> ids) {
    StringBuilder rows = new StringBuilder();
    int[] codes = {500, -1};
    for (int i = 0; i < ids.size(); i++) {
      rows.append("{\"id\":\"")
          .append(ids.get(i))
          .append("\",\"create_time\":\"")
          .append(String.format(Locale.ROOT, "2026-12-01T02:00:%02d.000Z", i + 1))
          .append("\",\"response_code\":")
          .append(codes[i % codes.length])
          .append(",\"event_category\":\"InvoicePosted\",\"notification_id\":\"n1\"")
          .append(",\"object_id\":\"inv-")
          .append(i + 1)
          .append("\",\"account_id\":\"acc-1\",\"succeeded_later_at\":null}\n");
    }
    return rows.toString().getBytes(UTF_8);
  }

  /**
   * {@code data} as a gzip file of one stored (uncompressed) deflate block: the same bytes on every
   * JDK, whatever zlib it uses, so the committed pact does not change with the machine that wrote
   * it.
   */
  static byte[] storedGzip(byte[] data) {
    if (data.length > 0xFFFF) {
      throw new IllegalArgumentException("one stored block holds at most 65535 bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // magic, deflate, no flags, no mtime, no extra flags, OS unknown
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    out.write(1); // the final block, stored
    int len = data.length;
    out.write(len & 0xff);
    out.write(len >>> 8);
    out.write(~len & 0xff);
    out.write((~len >>> 8) & 0xff);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(data);
    writeIntLe(out, (int) crc.getValue());
    writeIntLe(out, len);
    return out.toByteArray();
  }

  private static void writeIntLe(ByteArrayOutputStream out, int v) {
    for (int i = 0; i < 4; i++) {
      out.write((v >>> (8 * i)) & 0xff);
    }
  }
}
