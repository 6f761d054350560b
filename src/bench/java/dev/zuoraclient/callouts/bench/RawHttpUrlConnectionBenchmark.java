package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (1b) {@code HttpURLConnection} in its default mode: the body is buffered and leaves with the
 * headers; connections are kept alive by the JDK's cache (at most {@code http.maxConnections}, 5,
 * idle per host).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawHttpUrlConnectionBenchmark {
  @Param({"A", "B"})
  public String payload;

  private List<String> ids;
  private URL url;

  @Setup
  public void setUp() throws IOException {
    ids = Payloads.ids(payload);
    url = Contenders.resendUri().toURL();
  }

  @Benchmark
  public Map<String, ResendFailureBody> call() throws IOException {
    byte[] body = Contenders.MAPPER.writeValueAsBytes(ids);
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setInstanceFollowRedirects(false);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(60_000);
    c.setRequestProperty("Content-Type", "application/json");
    c.setRequestProperty("Accept", "application/json");
    c.setRequestProperty("Accept-Encoding", "gzip");
    c.setRequestProperty("Authorization", "Bearer " + Payloads.TOKEN);
    c.setRequestProperty("Idempotency-Key", UUID.randomUUID().toString());
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    byte[] answer;
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      answer = in == null ? new byte[0] : in.readAllBytes();
    }
    return Contenders.failures(status, answer);
  }
}
