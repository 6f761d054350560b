package dev.zuoraclient.callouts.bench;

import bench.generated.okhttp.ApiClient;
import bench.generated.okhttp.ApiException;
import bench.generated.okhttp.api.NotificationsApi;
import bench.generated.okhttp.model.ResendFailure;
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
 * (7) What a team would otherwise generate: OpenAPI Generator's {@code java} client with {@code
 * library=okhttp-gson} (the stack of Zuora's own Java SDK), generated from our spec in the bench
 * build, with its default settings; one client shared by every thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GeneratedOkHttpGsonBenchmark {
  @Param({"A", "B"})
  public String payload;

  private List<String> ids;
  private NotificationsApi api;

  @Setup
  public void setUp() {
    ids = Payloads.ids(payload);
    ApiClient client = new ApiClient();
    client.setBasePath(Contenders.server().toString());
    client.setBearerToken(Payloads.TOKEN);
    api = new NotificationsApi(client);
  }

  @Benchmark
  public Map<String, ResendFailure> call() throws ApiException {
    return api.pOSTResendCalloutNotifications(
        ids, null, UUID.randomUUID().toString(), "gzip", null, null, null);
  }
}
