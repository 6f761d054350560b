package dev.zuoraclient.callouts.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.exception.ZuoraPermissionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code findFailedCallouts} against two real local servers: a Data Query API (the JDK's server,
 * scripted per test) and a separate storage host that serves the result file. What goes on the wire
 * and what the caller gets are both checked.
 */
class FindFailedCalloutsTest {
  private static final String TOKEN = "t0k3n-for-tests";
  private static final String JOB = "c8a8a6a4-8a3e-4a43-9d0e-1f1f6a9b2b51";
  private static final Instant FROM = Instant.parse("2026-12-01T02:00:00Z");

  private HttpServer api;
  private HttpServer storage;
  private final List<String> apiCalls = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> storageHeaders = new CopyOnWriteArrayList<>();
  private final AtomicInteger polls = new AtomicInteger();
  private volatile List<String> states = List.of("completed");
  private volatile String failedMessage;
  private volatile byte[] file = new byte[0];
  private volatile long outputRows;
  private volatile Function<HttpExchange, Boolean> storageOverride = e -> false;
  private volatile int getStatus = 200;
  private CalloutResendClient client;

  @BeforeEach
  void start() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    storage = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    storage.createContext(
        "/",
        e -> {
          storageHeaders.add(Map.copyOf(e.getRequestHeaders()));
          if (!storageOverride.apply(e)) {
            reply(e, 200, file);
          }
        });
    storage.start();
    api = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    api.createContext("/", this::api);
    api.start();
    client =
        CalloutResendClient.builder()
            .baseUri("http://127.0.0.1:" + api.getAddress().getPort())
            .accessToken(TOKEN)
            .retryPolicy(RetryPolicy.none())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    api.stop(0);
    storage.stop(0);
  }

  private void api(HttpExchange e) throws IOException {
    String call = e.getRequestMethod() + " " + e.getRequestURI().getPath();
    apiCalls.add(call);
    if (!("Bearer " + TOKEN).equals(e.getRequestHeaders().getFirst("Authorization"))) {
      reply(e, 401, "{\"message\":\"Authentication error\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (call.equals("POST /notifications/callout-histories/resend")) {
      reply(e, 202, new byte[0]);
    } else if (call.equals("POST /query/jobs")) {
      reply(e, 200, job("accepted"));
    } else if (call.equals("GET /query/jobs/" + JOB)) {
      if (getStatus != 200) {
        reply(
            e,
            getStatus,
            "{\"code\":403,\"message\":\"forbidden\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      int n = polls.getAndIncrement();
      List<String> s = states;
      reply(e, 200, job(s.get(Math.min(n, s.size() - 1))));
    } else if (call.equals("DELETE /query/jobs/" + JOB)) {
      reply(e, 200, job("cancelled"));
    } else {
      reply(e, 404, "{\"code\":404,\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private byte[] job(String state) {
    StringBuilder sb =
        new StringBuilder("{\"data\":{\"id\":\"" + JOB + "\",\"queryStatus\":\"" + state + "\"");
    if (state.equals("completed")) {
      sb.append(",\"outputRows\":")
          .append(outputRows)
          .append(",\"dataFile\":\"http://127.0.0.1:")
          .append(storage.getAddress().getPort())
          .append("/results/")
          .append(JOB)
          .append(".jsonl.gz?X-Amz-Signature=abc\"");
    }
    if (state.equals("failed") && failedMessage != null) {
      sb.append(",\"errorMessage\":\"").append(failedMessage).append('"');
    }
    return sb.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void reply(HttpExchange e, int status, byte[] body) throws IOException {
    e.getResponseHeaders().add("Content-Type", "application/json");
    e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(body);
    }
  }

  private void serve(List<String> rows, boolean gzip) throws IOException {
    byte[] text =
        (String.join("\n", rows) + (rows.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8);
    if (gzip) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(b)) {
        z.write(text);
      }
      text = b.toByteArray();
    }
    file = text;
    outputRows = rows.size();
  }

  private static String row(String id, String time, int code, String category, String later) {
    return "{\"id\":\""
        + id
        + "\",\"create_time\":\""
        + time
        + "\",\"response_code\":"
        + code
        + ",\"event_category\":"
        + (category == null ? "null" : "\"" + category + "\"")
        + ",\"notification_id\":\"n1\",\"object_id\":\"o-"
        + id
        + "\",\"account_id\":\"acc\",\"succeeded_later_at\":"
        + (later == null ? "null" : "\"" + later + "\"")
        + "}";
  }

  private static FailedCalloutQuery query() {
    return FailedCalloutQuery.builder().from(FROM).to(FROM.plus(Duration.ofHours(4))).build();
  }

  @Test
  void aCompletedJob_givesItsRows_andTheIdsFeedResendAll() throws IOException {
    serve(
        List.of(
            row("a1", "2026-12-01T02:00:01.000Z", 500, "Invoice Posted", null),
            row("a2", "2026-12-01T02:00:02.000Z", -1, null, null),
            row("a3", "2026-12-01T02:00:03.000Z", 404, "Invoice Posted", null)),
        true);
    states = List.of("in_progress", "in_progress", "completed");
    List<String> seen = new ArrayList<>();
    try (FailedCallouts found =
        client.findFailedCallouts(query(), (id, state, elapsed) -> seen.add(state))) {
      assertThat(found.ids()).containsExactly("a1", "a2", "a3");
      assertThat(found.ids()).as("iterable again").containsExactly("a1", "a2", "a3");
      FailedCallout first = found.iterator().next();
      assertThat(first.createTime()).isEqualTo(Instant.parse("2026-12-01T02:00:01Z"));
      assertThat(first.responseCode()).isEqualTo(500);
      assertThat(first.eventCategory()).contains("Invoice Posted");
      assertThat(first.objectId()).contains("o-a1");
      FindSummary s = found.summary();
      assertThat(s.jobId()).isEqualTo(JOB);
      assertThat(s.rows()).isEqualTo(3);
      assertThat(s.found()).isEqualTo(3);
      assertThat(s.foundByResponseCode())
          .containsExactly(Map.entry(-1, 1L), Map.entry(404, 1L), Map.entry(500, 1L));
      assertThat(s.foundByEventCategory())
          .containsEntry("", 1L)
          .containsEntry("Invoice Posted", 2L);
    }
    assertThat(seen).containsExactly("accepted", "in_progress", "completed", "downloading");
    assertThat(apiCalls).first().isEqualTo("POST /query/jobs");
    assertThat(apiCalls).doesNotContain("DELETE /query/jobs/" + JOB);
    assertThat(storageHeaders).hasSize(1);
    assertThat(storageHeaders.get(0).keySet())
        .noneMatch(
            h -> h.equalsIgnoreCase("Authorization") || h.toLowerCase().startsWith("zuora-"));
  }

  @Test
  void theDocumentedCalls_findAndResend() throws IOException {
    serve(
        List.of(
            row("a1", "2026-12-01T02:00:01.000Z", 500, "Invoice Posted", null),
            row("a2", "2026-12-01T02:00:02.000Z", 503, "Invoice Posted", null)),
        true);
    // snippet: find-and-resend
    try (FailedCallouts failed =
        client.findFailedCallouts(
            FailedCalloutQuery.builder()
                .from(Instant.parse("2026-12-01T02:00:00Z"))
                .to(Instant.parse("2026-12-01T06:00:00Z"))
                .build())) {
      client.resendAll(failed.ids());
    }
    // end snippet
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = new java.io.PrintStream(printed, true, StandardCharsets.UTF_8);
    // snippet: find-failed-callouts
    FailedCalloutQuery query =
        FailedCalloutQuery.builder()
            .from(Instant.parse("2026-12-01T02:00:00Z")) // required, inclusive
            .to(Instant.parse("2026-12-01T06:00:00Z")) // exclusive; now when not set
            .eventCategories(List.of("Invoice Posted")) // optional filters
            .build();
    try (FailedCallouts failed = client.findFailedCallouts(query)) {
      FindSummary summary = failed.summary(); // counts, by response code and category
      BatchResendResult result = client.resendAll(failed.ids());
      out.println(summary.found() + " found, " + result.accepted().size() + " resent");
    }
    // end snippet
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("2 found, 2 resent\n");
    assertThat(apiCalls.stream().filter(c -> c.startsWith("POST /notifications")).count())
        .isEqualTo(2);
  }

  @Test
  void superseded_duplicate_andInvalidRows_areCountedNotKept() throws IOException {
    serve(
        List.of(
            row("a1", "2026-12-01T02:00:01.000Z", 500, "c", null),
            row("a1", "2026-12-01T02:00:01.000Z", 500, "c", null),
            row("a2", "2026-12-01T02:00:02.000Z", 500, "c", "2026-12-01T03:00:00.000Z"),
            row("bad\\u200bid", "2026-12-01T02:00:03.000Z", 500, "c", null),
            row("a4", "2026-12-01T02:00:04.000Z", 503, "c", null)),
        false);
    try (FailedCallouts found = client.findFailedCallouts(query())) {
      assertThat(found.ids()).containsExactly("a1", "a4");
      FindSummary s = found.summary();
      assertThat(s.rows()).isEqualTo(5);
      assertThat(s.duplicates()).isEqualTo(1);
      assertThat(s.superseded()).isEqualTo(1);
      assertThat(s.invalid()).isEqualTo(1);
      assertThat(s.invalidRows())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.row()).isEqualTo(4);
                assertThat(r.problem()).contains("U+200B");
              });
    }
    FailedCalloutQuery keep =
        FailedCalloutQuery.builder()
            .from(FROM)
            .to(FROM.plusSeconds(3600))
            .includeSuperseded(true)
            .build();
    try (FailedCallouts found = client.findFailedCallouts(keep)) {
      assertThat(found.ids()).containsExactly("a1", "a2", "a4");
      assertThat(found.stream().filter(FailedCallout::superseded).map(FailedCallout::id))
          .containsExactly("a2");
    }
  }

  @Test
  void aFailedJob_saysZuorasWords_andSendsNoCancel() {
    states = List.of("in_progress", "failed");
    failedMessage = "Query exceeded the maximum time limit of 3600.00s";
    assertThatThrownBy(() -> client.findFailedCallouts(query()))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(QueryJobException.Reason.JOB_FAILED);
              assertThat(e.zuoraMessage()).contains(failedMessage);
              assertThat(e.jobId()).contains(JOB);
              assertThat(e.getMessage()).contains(failedMessage);
            });
    assertThat(apiCalls).doesNotContain("DELETE /query/jobs/" + JOB);
    assertThat(storageHeaders).isEmpty();
  }

  @Test
  void aJobCancelledBySomeoneElse_isReportedSo() {
    states = List.of("cancelled");
    assertThatThrownBy(() -> client.findFailedCallouts(query()))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> assertThat(e.reason()).isEqualTo(QueryJobException.Reason.JOB_CANCELLED));
  }

  @Test
  void aJobThatOutlivesTheTimeout_isCancelled() {
    states = List.of("in_progress");
    FailedCalloutQuery q =
        FailedCalloutQuery.builder()
            .from(FROM)
            .to(FROM.plusSeconds(60))
            .timeout(Duration.ofMillis(700))
            .build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.findFailedCallouts(q))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(QueryJobException.Reason.TIMED_OUT);
              assertThat(e.cancelled()).isTrue();
              assertThat(e.getMessage()).contains("still in_progress").contains("cancelled");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(apiCalls).contains("DELETE /query/jobs/" + JOB);
  }

  @Test
  void anInterrupt_cancelsTheJob_andKeepsTheInterrupt() throws Exception {
    states = List.of("in_progress");
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                Thread.sleep(400);
              } catch (InterruptedException e) {
                return;
              }
              caller.interrupt();
            });
    interrupter.start();
    try {
      assertThatThrownBy(() -> client.findFailedCallouts(query()))
          .isInstanceOfSatisfying(
              QueryJobException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(QueryJobException.Reason.INTERRUPTED);
                assertThat(e.cancelled()).isTrue();
              });
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
      interrupter.join();
    }
    assertThat(apiCalls).contains("DELETE /query/jobs/" + JOB);
  }

  @Test
  void someoneElsesJob_403_isACallFailure_withThePermissionError() {
    states = List.of("in_progress");
    getStatus = 403;
    assertThatThrownBy(() -> client.findFailedCallouts(query()))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(QueryJobException.Reason.CALL_FAILED);
              assertThat(e.getCause()).isInstanceOf(ZuoraPermissionException.class);
              assertThat(e.getCause().getMessage()).contains("Data Query").doesNotContain(TOKEN);
            });
  }

  @Test
  void aCutGzipFile_isAFailure_neverAShorterList() throws IOException {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(row("id" + i, "2026-12-01T02:00:01.000Z", 500, "c", null));
    }
    serve(rows, true);
    byte[] whole = file;
    file = java.util.Arrays.copyOf(whole, whole.length / 2);
    assertDownloadFails("cut short");
  }

  @Test
  void aFileWithFewerRowsThanTheJobSaid_isAFailure() throws IOException {
    serve(List.of(row("a1", "2026-12-01T02:00:01.000Z", 500, "c", null)), true);
    outputRows = 2;
    assertDownloadFails("holds 1 rows; the job said 2");
  }

  @Test
  void aMalformedRow_isAFailure() throws IOException {
    serve(List.of("{\"id\":\"a1\",\"create_time\":\"yesterday\",\"response_code\":500}"), false);
    assertDownloadFails("row 1 has a create_time that is no ISO-8601 time");
  }

  @Test
  void aRedirectToAnotherHost_isNotFollowed() throws IOException {
    serve(List.of(row("a1", "2026-12-01T02:00:01.000Z", 500, "c", null)), true);
    storageOverride =
        e -> {
          try {
            e.getResponseHeaders().add("Location", "http://localhost:1/elsewhere");
            e.sendResponseHeaders(302, -1);
            e.close();
          } catch (IOException io) {
            throw new java.io.UncheckedIOException(io);
          }
          return true;
        };
    assertDownloadFails("redirected (302) to another host (localhost)");
  }

  @Test
  void anExpiredLink_saysSo() throws IOException {
    serve(List.of(row("a1", "2026-12-01T02:00:01.000Z", 500, "c", null)), true);
    storageOverride =
        e -> {
          try {
            reply(
                e,
                403,
                "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
                    .getBytes(StandardCharsets.UTF_8));
          } catch (IOException io) {
            throw new java.io.UncheckedIOException(io);
          }
          return true;
        };
    assertDownloadFails("answered 403 (AccessDenied); the link may have expired");
  }

  private void assertDownloadFails(String words) {
    assertThatThrownBy(() -> client.findFailedCallouts(query()))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(QueryJobException.Reason.DOWNLOAD_FAILED);
              assertThat(e.getMessage()).contains(words);
            });
    assertThat(tempFiles()).as("no temporary file is left behind").isEmpty();
  }

  private static List<String> tempFiles() {
    java.io.File[] files =
        new java.io.File(System.getProperty("java.io.tmpdir"))
            .listFiles((d, n) -> n.startsWith("zuora-failed-callouts-"));
    List<String> names = new ArrayList<>();
    if (files != null) {
      for (java.io.File f : files) {
        names.add(f.getName());
      }
    }
    return Collections.unmodifiableList(names);
  }

  @Test
  void close_deletesTheTemporaryFile() throws IOException {
    serve(List.of(row("a1", "2026-12-01T02:00:01.000Z", 500, "c", null)), true);
    FailedCallouts found = client.findFailedCallouts(query());
    assertThat(tempFiles()).hasSize(1);
    found.close();
    assertThat(tempFiles()).isEmpty();
    assertThatThrownBy(found::iterator).isInstanceOf(IllegalStateException.class);
  }
}
