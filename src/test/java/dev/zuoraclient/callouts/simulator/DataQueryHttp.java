package dev.zuoraclient.callouts.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.internal.FailedCalloutSql;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;

/**
 * Data Query calls to a simulator over real HTTP, as the client makes them: its SQL comes from the
 * library's own {@link FailedCalloutSql}, so the simulator is tested on exactly what clients send.
 */
final class DataQueryHttp {
  static final String TOKEN = SimulatorHttp.TOKEN;
  static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private DataQueryHttp() {}

  /** The client's SQL for [FROM, TO), narrowed by {@code filters}. */
  static String sql(UnaryOperator<FailedCalloutQuery.Builder> filters) {
    return FailedCalloutSql.of(
        filters.apply(FailedCalloutQuery.builder().from(FROM).to(TO)).build());
  }

  static String sql() {
    return sql(q -> q);
  }

  static ObjectNode body(String sql, String compression) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("query", sql);
    body.put("outputFormat", "JSON");
    body.put("compression", compression);
    body.putObject("output").put("target", "S3");
    return body;
  }

  static HttpResponse<byte[]> submit(ZuoraSimulator sim, JsonNode body) {
    try {
      return send(
          jobs(sim, "")
              .header("Content-Type", "application/json")
              .POST(BodyPublishers.ofString(MAPPER.writeValueAsString(body), UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Submits and returns the job's ID, checking the answer is 200. */
  static String submitted(ZuoraSimulator sim, String sql, String compression) {
    HttpResponse<byte[]> answer = submit(sim, body(sql, compression));
    if (answer.statusCode() != 200) {
      throw new AssertionError(answer.statusCode() + " " + new String(answer.body(), UTF_8));
    }
    return json(answer).path("data").path("id").asText();
  }

  static HttpResponse<byte[]> get(ZuoraSimulator sim, String id) {
    return send(jobs(sim, "/" + id).GET());
  }

  static HttpResponse<byte[]> delete(ZuoraSimulator sim, String id) {
    return send(jobs(sim, "/" + id).DELETE());
  }

  /** The job's {@code data} once it has ended, polling every 10 ms for up to 5 s. */
  static JsonNode ended(ZuoraSimulator sim, String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      JsonNode data = json(get(sim, id)).path("data");
      String status = data.path("queryStatus").asText();
      if (!status.equals("accepted") && !status.equals("in_progress")) {
        return data;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + id + " still " + status);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A GET of the result file, with these extra headers (name, value, ...). */
  static HttpResponse<byte[]> download(String dataFile, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dataFile)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  static HttpResponse<InputStream> downloadStream(String dataFile) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(dataFile)).timeout(Duration.ofSeconds(60)).build(),
          BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The rows of a result file, JSON Lines, gzipped or not. */
  static List<JsonNode> rows(byte[] file, boolean gzip) {
    try (InputStream in =
        gzip
            ? new GZIPInputStream(new ByteArrayInputStream(file))
            : new ByteArrayInputStream(file)) {
      List<JsonNode> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          rows.add(MAPPER.readTree(line));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The IDs of the rows of a completed job, downloaded. */
  static List<String> ids(ZuoraSimulator sim, String sql) {
    JsonNode job = ended(sim, submitted(sim, sql, "GZIP"));
    HttpResponse<byte[]> file = download(job.path("dataFile").asText());
    return rows(file.body(), true).stream().map(r -> r.path("id").asText()).toList();
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), UTF_8);
  }

  private static HttpRequest.Builder jobs(ZuoraSimulator sim, String suffix) {
    return HttpRequest.newBuilder(sim.baseUri().resolve(ZuoraSimulator.QUERY_JOBS_PATH + suffix))
        .header("Authorization", "Bearer " + TOKEN);
  }

  static HttpResponse<byte[]> send(HttpRequest.Builder request) {
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
