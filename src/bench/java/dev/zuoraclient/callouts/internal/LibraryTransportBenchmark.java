package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.ResendResult;
import java.net.URI;
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

/**
 * (4)-(6) The library's wiring over another transport candidate: the same ID checks, Feign
 * settings, decoders and outcome mapping as (3), only the transport differs. One subclass per
 * candidate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class LibraryTransportBenchmark {
  @Param({"A", "B"})
  public String payload;

  /** The candidate's name for {@link TransportCandidates#transport(String)}. */
  abstract String transport();

  private List<String> ids;
  private ResendExecutor executor;

  @Setup
  public void setUp() {
    ids = dev.zuoraclient.callouts.bench.Payloads.ids(payload);
    String server = System.getProperty("bench.server");
    if (server == null) {
      throw new IllegalStateException("-Dbench.server=http://127.0.0.1:PORT is required");
    }
    executor =
        TransportCandidates.executor(
            URI.create(server),
            dev.zuoraclient.callouts.bench.Payloads.TOKEN,
            TransportCandidates.transport(transport()));
  }

  @Benchmark
  public ResendResult call() {
    return executor.resend(TransportCandidates.call(ids, false));
  }
}
