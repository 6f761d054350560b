package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * (1a) {@code java.net.http.HttpClient} by hand, set up as the library sets up its own (HTTP/1.1,
 * no redirects, tasks run where they arise), one client shared by every thread: the raw form of the
 * library's transport.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawHttpClientBenchmark {
  @Param({"A", "B"})
  public String payload;

  private List<String> ids;
  private URI uri;
  private HttpClient client;

  @Setup
  public void setUp() {
    ids = Payloads.ids(payload);
    uri = Contenders.resendUri();
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Runnable::run)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @Benchmark
  public Map<String, ResendFailureBody> call() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Accept-Encoding", "gzip")
            .header("Authorization", "Bearer " + Payloads.TOKEN)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(Contenders.MAPPER.writeValueAsBytes(ids)))
            .build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return Contenders.failures(response.statusCode(), response.body());
  }
}
