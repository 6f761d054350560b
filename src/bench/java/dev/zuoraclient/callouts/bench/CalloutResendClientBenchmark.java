package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.ResendResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** (3) The library: {@link CalloutResendClient#resend}, default retry policy, a fixed token. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CalloutResendClientBenchmark {
  @Param({"A", "B"})
  public String payload;

  private List<String> ids;
  private CalloutResendClient client;

  @Setup
  public void setUp() {
    ids = Payloads.ids(payload);
    client =
        CalloutResendClient.builder()
            .baseUri(Contenders.server())
            .accessToken(Payloads.TOKEN)
            .build();
    ResendResult first = client.resend(ids);
    int expected = payload.equals("A") ? 0 : ids.size() / 2;
    if (first.failures().size() != expected) {
      throw new IllegalStateException("unexpected answer: " + first);
    }
  }

  @Benchmark
  public ResendResult call() {
    return client.resend(ids);
  }
}
