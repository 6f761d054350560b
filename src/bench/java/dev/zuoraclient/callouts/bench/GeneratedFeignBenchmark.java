package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.internal.TransportCandidates;
import dev.zuoraclient.callouts.internal.generated.api.NotificationsApi;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import feign.Feign;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
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
 * (2) The generated {@link NotificationsApi} alone, built the way the generator's own {@code
 * ApiClient} would build it (Feign's defaults plus Jackson), over the library's own transport, so
 * that (1a) to (2) is Feign's cost and (2) to (3) the library's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GeneratedFeignBenchmark {
  @Param({"A", "B"})
  public String payload;

  private List<String> ids;
  private NotificationsApi api;

  @Setup
  public void setUp() {
    ids = Payloads.ids(payload);
    String url = Contenders.server().toString();
    api =
        Feign.builder()
            .client(TransportCandidates.transport("jdk"))
            .encoder(new JacksonEncoder())
            .decoder(new JacksonDecoder())
            .requestInterceptor(t -> t.header("Authorization", "Bearer " + Payloads.TOKEN))
            .target(NotificationsApi.class, url);
  }

  @Benchmark
  public Map<String, ResendFailureBody> defaults() {
    return api.resendCalloutNotifications(
        null, UUID.randomUUID().toString(), "gzip", null, null, null, ids);
  }
}
