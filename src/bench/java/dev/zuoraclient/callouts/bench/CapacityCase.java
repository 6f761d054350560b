package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.time.Duration;
import java.util.List;

/**
 * One bulk run against the simulator's tenant limits, in its own JVM: {@code resendAll} of {@code
 * ids} IDs in batches of 1000, the simulator in the same JVM with a cap on requests in flight,
 * other traffic holding some of its slots, a latency per request and optionally a quota per window.
 * Prints {@code key=value} lines: wall time, requests, 429s, unresolved IDs and the peak in flight.
 *
 * <p>Arguments: cap, other traffic, latency ms, quota per window (0: none), window ms, {@code
 * adaptive} or {@code fixed}, concurrency, IDs.
 */
public final class CapacityCase {
  private CapacityCase() {}

  /**
   * Compiles the client's and the simulator's code first, on a simulator of its own without limits,
   * so that the timed run is not also a JIT warm-up.
   */
  private static void warmUp() {
    List<String> warm = Payloads.ids(100_000);
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(Payloads.TOKEN)
            .knownIds(warm)
            .maxRecordedRequests(0)
            .start()) {
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(zuora.baseUri())
              .accessToken(Payloads.TOKEN)
              .build();
      for (int i = 0; i < 3; i++) {
        client.resendAll(warm, BatchOptions.builder().concurrency(4).build());
      }
    }
  }

  public static void main(String[] args) {
    int cap = Integer.parseInt(args[0]);
    int other = Integer.parseInt(args[1]);
    Duration latency = Duration.ofMillis(Long.parseLong(args[2]));
    int quota = Integer.parseInt(args[3]);
    Duration window = Duration.ofMillis(Long.parseLong(args[4]));
    boolean adaptive = args[5].equals("adaptive");
    int concurrency = Integer.parseInt(args[6]);
    int n = Integer.parseInt(args[7]);
    List<String> ids = Payloads.ids(n);
    warmUp();
    ZuoraSimulator.Builder sim =
        ZuoraSimulator.builder()
            .acceptToken(Payloads.TOKEN)
            .knownIds(ids)
            .maxInFlight(cap)
            .otherTraffic(other)
            .latency(latency)
            .concurrencyRetryAfter(latency)
            .maxRecordedRequests(0);
    if (quota > 0) {
      sim.rateLimit(quota, window);
    }
    try (ZuoraSimulator zuora = sim.start()) {
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(zuora.baseUri())
              .accessToken(Payloads.TOKEN)
              .build();
      long start = System.nanoTime();
      BatchResendResult r =
          client.resendAll(
              ids,
              BatchOptions.builder()
                  .concurrency(concurrency)
                  .adaptiveConcurrency(adaptive)
                  .build());
      long wallNanos = System.nanoTime() - start;
      int refused = zuora.concurrencyRejections() + zuora.quotaRejections();
      System.out.println("wall_ms=" + wallNanos / 1e6);
      System.out.println("requests=" + (r.batchCount() - r.errors().size() + refused));
      System.out.println("refused=" + refused);
      System.out.println("refused_for_quota=" + zuora.quotaRejections());
      System.out.println("unresolved=" + r.unresolved().size());
      System.out.println("peak=" + zuora.peakInFlight());
      System.out.println(
          "resent_twice=" + ids.stream().filter(id -> zuora.resendCount(id) > 1).count());
      System.out.flush();
    }
  }
}
