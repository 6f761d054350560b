package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Iterator;
import java.util.List;

/**
 * One batch case in a fresh JVM: {@code resendAll} of {@code n} IDs against the simulator at {@code
 * url}, with {@code concurrency} requests in flight. Prints {@code key=value} lines.
 *
 * <ul>
 *   <li>{@code time}: two untimed runs of 100,000 IDs and one of the case, then {@code runs} timed
 *       ones ({@code run_ms=...}), with the client's CPU time per ID over the timed runs.
 *   <li>{@code heap}: live heap after a full GC, measured before the IDs exist, once they exist,
 *       when the client has read the last of them, after each batch, and after the run while the
 *       result is still referenced. The GCs make this run slow; its time is not reported.
 * </ul>
 */
public final class BatchCase {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final int WARM_UP_IDS = 100_000;

  private long peak;
  private String peakAt = "the IDs alone";
  private int samples;
  private int batches;

  private BatchCase() {}

  public static void main(String[] args) {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    String url = args[3];
    CalloutResendClient client =
        CalloutResendClient.builder().baseUri(url).accessToken(Payloads.TOKEN).build();
    // Loads and links everything the run needs, so that neither mode measures first use.
    check(client.resendAll(Payloads.ids(1000)), 1000);
    if (mode.equals("time")) {
      time(client, n, concurrency, Integer.parseInt(args[4]));
    } else {
      new BatchCase().heap(client, n, concurrency);
    }
  }

  private static void time(CalloutResendClient client, int n, int concurrency, int runs) {
    BatchOptions options = BatchOptions.builder().concurrency(concurrency).build();
    // The same warm-up whatever the case, so that every case is timed on equally compiled code.
    List<String> warmUp = Payloads.ids(WARM_UP_IDS);
    for (int i = 0; i < 2; i++) {
      check(client.resendAll(warmUp, options), WARM_UP_IDS);
    }
    List<String> ids = Payloads.ids(n);
    BatchResendResult result = check(client.resendAll(ids, options), n);
    System.out.println("requests=" + result.batchCount());
    long cpuStart = processCpuNanos();
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      result = client.resendAll(ids, options);
      long nanos = System.nanoTime() - start;
      check(result, n);
      System.out.println("run_ms=" + nanos / 1e6);
    }
    System.out.println(
        "client_cpu_ns_per_id=" + (processCpuNanos() - cpuStart) / ((double) n * runs));
    int warmUpRequests = 2 * ((WARM_UP_IDS + 999) / 1000);
    System.out.println("all_requests=" + (warmUpRequests + (runs + 1) * result.batchCount()));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private void heap(CalloutResendClient client, int n, int concurrency) {
    long empty = usedAfterGc();
    List<String> ids = Payloads.ids(n);
    long withIds = usedAfterGc();
    peak = withIds;
    Iterable<String> sampled = () -> new SamplingIterator(ids.iterator());
    BatchOptions options =
        BatchOptions.builder()
            .concurrency(concurrency)
            .progressListener(p -> sample("after batch " + ++batches))
            .build();
    BatchResendResult result = client.resendAll(sampled, options);
    long retained = usedAfterGc();
    if (retained > peak) {
      peak = retained;
      peakAt = "the result";
    }
    check(result, n);
    Reference.reachabilityFence(result);
    Reference.reachabilityFence(ids);
    System.out.println("ids_bytes=" + (withIds - empty));
    System.out.println("peak_above_ids_bytes=" + (peak - withIds));
    System.out.println("peak_at=" + peakAt);
    System.out.println("result_bytes=" + (retained - withIds));
    System.out.println("samples=" + samples);
  }

  private synchronized void sample(String when) {
    long used = usedAfterGc();
    if (used > peak) {
      peak = used;
      peakAt = when;
    }
    samples++;
  }

  private static long usedAfterGc() {
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static BatchResendResult check(BatchResendResult result, int n) {
    int expectedFailures = (n + 99) / 100;
    if (result.accepted().size() != n - expectedFailures
        || result.failures().size() != expectedFailures
        || !result.unresolved().isEmpty()) {
      throw new IllegalStateException("unexpected outcome: " + result);
    }
    return result;
  }

  /** Samples the heap when the client has read the last ID: its own copies are all alive then. */
  private final class SamplingIterator implements Iterator<String> {
    private final Iterator<String> ids;

    SamplingIterator(Iterator<String> ids) {
      this.ids = ids;
    }

    @Override
    public boolean hasNext() {
      boolean more = ids.hasNext();
      if (!more) {
        sample("the client has read every ID");
      }
      return more;
    }

    @Override
    public String next() {
      return ids.next();
    }
  }
}
