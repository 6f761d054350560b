package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.internal.generated.api.NotificationsApi;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailure;
import feign.DefaultClient;
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
 * ApiClient} would build it: Feign's defaults plus Jackson. {@link #defaults} keeps Feign's default
 * client (HttpURLConnection streaming the body after the headers); {@link #requestBuffering} only
 * swaps in the client with request buffering that the library uses, to separate Feign's own cost
 * from the library's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GeneratedFeignBenchmark {
  @Param({"A", "B"})
  public String payload;

  private List<String> ids;
  private NotificationsApi defaultApi;
  private NotificationsApi bufferingApi;

  @Setup
  public void setUp() {
    ids = Payloads.ids(payload);
    String url = Contenders.server().toString();
    defaultApi = builder().target(NotificationsApi.class, url);
    bufferingApi =
        builder().client(new DefaultClient(null, null, false)).target(NotificationsApi.class, url);
  }

  private static Feign.Builder builder() {
    return Feign.builder()
        .encoder(new JacksonEncoder())
        .decoder(new JacksonDecoder())
        .requestInterceptor(t -> t.header("Authorization", "Bearer " + Payloads.TOKEN));
  }

  @Benchmark
  public Map<String, ResendFailure> defaults() {
    return defaultApi.resendCalloutNotifications(
        ids, null, UUID.randomUUID().toString(), "gzip", null, null, null);
  }

  @Benchmark
  public Map<String, ResendFailure> requestBuffering() {
    return bufferingApi.resendCalloutNotifications(
        ids, null, UUID.randomUUID().toString(), "gzip", null, null, null);
  }
}
