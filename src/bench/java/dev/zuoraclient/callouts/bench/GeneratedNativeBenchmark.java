package dev.zuoraclient.callouts.bench;

import bench.generated.nativeclient.ApiClient;
import bench.generated.nativeclient.ApiException;
import bench.generated.nativeclient.api.NotificationsApi;
import bench.generated.nativeclient.model.ResendFailure;
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
 * (8) What a team would otherwise generate: OpenAPI Generator's {@code java} client with {@code
 * library=native} ({@code java.net.http}), generated from our spec in the bench build, with its
 * default settings; one client shared by every thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GeneratedNativeBenchmark {
  @Param({"A", "B"})
  public String payload;

  private List<String> ids;
  private NotificationsApi api;

  @Setup
  public void setUp() {
    ids = Payloads.ids(payload);
    ApiClient client = new ApiClient();
    client.updateBaseUri(Contenders.server().toString());
    client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + Payloads.TOKEN));
    api = new NotificationsApi(client);
  }

  @Benchmark
  public Map<String, ResendFailure> call() throws ApiException {
    return api.pOSTResendCalloutNotifications(
        ids, null, UUID.randomUUID().toString(), "gzip", null, null, null);
  }
}
