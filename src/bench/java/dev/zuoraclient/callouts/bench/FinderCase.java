package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.FailedCallouts;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One measured find, in a JVM of its own: {@code library} is {@code findFailedCallouts} and an
 * iteration of its IDs; {@code plain} is what a team would write with the JDK alone: submit the
 * job, poll it, download the file and take each row's {@code id} into a list (no checks, no
 * superseded rule). Prints {@code run_ms=} per run, {@code found=} and {@code peak_heap_bytes=}
 * (the heap pools' peak use over the timed runs, garbage included).
 *
 * <p>Arguments: mode, the simulator's URL, runs.
 */
public final class FinderCase {
  static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

  private FinderCase() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    URI url = URI.create(args[1]);
    int runs = Integer.parseInt(args[2]);
    long found = mode.equals("library") ? library(url) : plain(url); // warm-up
    resetPeaks();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      found = mode.equals("library") ? library(url) : plain(url);
      System.out.println("run_ms=" + (System.nanoTime() - start) / 1e6);
    }
    System.out.println("found=" + found);
    System.out.println("peak_heap_bytes=" + peakHeap());
  }

  private static long library(URI url) {
    try (CalloutResendClient client =
            CalloutResendClient.builder().baseUri(url).accessToken(Payloads.TOKEN).build();
        FailedCallouts failed =
            client.findFailedCallouts(FailedCalloutQuery.builder().from(FROM).to(TO).build())) {
      long n = 0;
      for (String id : failed.ids()) {
        n += id.isEmpty() ? 0 : 1;
      }
      return n;
    }
  }

  private static long plain(URI url) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String submit =
        "{\"query\":"
            + quote(
                dev.zuoraclient.callouts.internal.FailedCalloutSql.of(
                    FailedCalloutQuery.builder().from(FROM).to(TO).build()))
            + ",\"outputFormat\":\"JSON\",\"compression\":\"GZIP\",\"output\":{\"target\":\"S3\"}}";
    String job =
        http.send(
                request(url.resolve("/query/jobs"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(submit))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String id = field(job, "id");
    String dataFile;
    while (true) {
      String state =
          http.send(
                  request(url.resolve("/query/jobs/" + id)).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (field(state, "queryStatus").equals("completed")) {
        dataFile = field(state, "dataFile");
        break;
      }
      Thread.sleep(50);
    }
    HttpResponse<InputStream> file =
        http.send(
            HttpRequest.newBuilder(URI.create(dataFile)).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    List<String> ids = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(file.body()), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        ids.add(field(line, "id"));
      }
    }
    return ids.size();
  }

  private static HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + Payloads.TOKEN);
  }

  /** The first string value of {@code "name":"..."} in {@code json}: the plain way. */
  private static String field(String json, String name) {
    String key = "\"" + name + "\":\"";
    int at = json.indexOf(key);
    if (at < 0) {
      return "";
    }
    int from = at + key.length();
    return json.substring(from, json.indexOf('"', from));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
