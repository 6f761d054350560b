package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.bench.Payloads;
import feign.http2client.Http2Client;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * (4) The library's wiring ({@link ResendExecutor}: the same Feign settings, decoders, outcome
 * mapping and retry policy) over feign-java11's {@link Http2Client} instead of HttpURLConnection.
 * Each call first runs the same ID checks as {@code CalloutResendClient.resend}, so that only the
 * transport differs from contender (3). Http2Client cannot gzip a request body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Http2TransportBenchmark {
  @Param({"A", "B"})
  public String payload;

  private List<String> ids;
  private ResendExecutor executor;

  @Setup
  public void setUp() {
    ids = Payloads.ids(payload);
    String server = System.getProperty("bench.server");
    if (server == null) {
      throw new IllegalStateException("-Dbench.server=http://127.0.0.1:PORT is required");
    }
    executor =
        new ResendExecutor(
            URI.create(server),
            AccessTokenProvider.fixed(Payloads.TOKEN),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            HttpLogLevel.NONE,
            RetryPolicy.defaults(),
            Sleeper.REAL,
            Clock.systemUTC(),
            new Http2Client());
  }

  @Benchmark
  public ResendResult call() {
    return executor.resend(
        new ResendCall(checked(ids), null, UUID.randomUUID().toString(), null, null, false));
  }

  /** What {@code CalloutResendClient.resend} checks before sending. */
  private static List<String> checked(List<String> ids) {
    List<String> copy = new ArrayList<>(ids.size());
    Set<String> seen = new HashSet<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      HeaderRules.checkId(i, id);
      if (!seen.add(id)) {
        throw new IllegalArgumentException("duplicate id " + id);
      }
      copy.add(id);
    }
    return List.copyOf(copy);
  }
}
