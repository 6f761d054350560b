package dev.zuoraclient.callouts.bench;

import static dev.zuoraclient.callouts.bench.BenchmarkSuite.mb;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.median;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.num;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.ops;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.ratio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Section 4: {@code resendAll} over 10,000 and 100,000 IDs, sequential and 4 at a time. */
final class BatchSection {
  private static final int[] SIZES = {10_000, 100_000};
  private static final int[] CONCURRENCY = {1, 4};
  private static final int RUNS = 7;
  private static final List<String> CHILD_JVM_ARGS = List.of("-Xms64m", "-Xmx512m");

  /** One case's numbers. */
  record Case(
      int ids,
      int concurrency,
      int requests,
      List<Double> runMillis,
      double clientCpuMicrosPerId,
      double simulatorCpuMillisPerRequest,
      long idsBytes,
      long peakAboveIds,
      long resultBytes,
      String peakAt,
      int samples) {
    double medianMillis() {
      return median(runMillis);
    }

    double min() {
      return runMillis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
      return runMillis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  private final BenchmarkSuite suite;
  private final Map<String, Case> cases = new LinkedHashMap<>();

  BatchSection(BenchmarkSuite suite) {
    this.suite = suite;
  }

  String run() {
    Path log = suite.work().resolve("batch.log");
    try (ChildJvm simulator =
        ChildJvm.start(
            log, List.of("-Xms256m", "-Xmx1g"), SimulatorMain.class, String.valueOf(SIZES[1]))) {
      String url = simulator.await("url", Duration.ofSeconds(60));
      System.out.println("[bench] resendAll: warming up the simulator");
      child(log, "time", SIZES[1], 4, url, "1");
      for (int n : SIZES) {
        for (int c : CONCURRENCY) {
          System.out.printf("[bench] resendAll %,d IDs, concurrency %d%n", n, c);
          long simulatorCpu = simulator.cpuTime().toNanos();
          Map<String, List<String>> timed = child(log, "time", n, c, url, String.valueOf(RUNS));
          simulatorCpu = simulator.cpuTime().toNanos() - simulatorCpu;
          Map<String, List<String>> heap = child(log, "heap", n, c, url);
          List<Double> runs = new ArrayList<>();
          timed.get("run_ms").forEach(v -> runs.add(Double.parseDouble(v)));
          cases.put(
              n + "/" + c,
              new Case(
                  n,
                  c,
                  Integer.parseInt(timed.get("requests").get(0)),
                  runs,
                  Double.parseDouble(timed.get("client_cpu_ns_per_id").get(0)) / 1000,
                  simulatorCpu / 1e6 / Long.parseLong(timed.get("all_requests").get(0)),
                  Long.parseLong(heap.get("ids_bytes").get(0)),
                  Long.parseLong(heap.get("peak_above_ids_bytes").get(0)),
                  Long.parseLong(heap.get("result_bytes").get(0)),
                  heap.get("peak_at").get(0),
                  Integer.parseInt(heap.get("samples").get(0))));
        }
      }
    }
    return markdown();
  }

  private static Map<String, List<String>> child(
      Path log, String mode, int n, int c, String url, String... more) {
    List<String> args = new ArrayList<>(List.of(mode, String.valueOf(n), String.valueOf(c), url));
    args.addAll(List.of(more));
    try (ChildJvm jvm =
        ChildJvm.start(log, CHILD_JVM_ARGS, BatchCase.class, args.toArray(new String[0]))) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (String[] kv : jvm.finish(Duration.ofMinutes(5))) {
        values.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
      }
      return values;
    }
  }

  private String markdown() {
    int cores = Runtime.getRuntime().availableProcessors();
    StringBuilder md = new StringBuilder();
    md.append("## 4. Batch throughput: `resendAll`\n\n")
        .append("`resendAll` of 10,000 and 100,000 IDs against the Zuora simulator, which runs in ")
        .append("its own JVM (every hundredth ID is unknown to it and fails with ")
        .append("`ObjectNotFound`, so every batch is a partial success with a failure map). ")
        .append("Batches of 1000 (the default), sequential (the default) and with ")
        .append("`concurrency(4)`. Each case runs in a fresh client JVM (`")
        .append(String.join(" ", CHILD_JVM_ARGS))
        .append("`) after two untimed runs of 100,000 IDs (the same warm-up for every case) and ")
        .append("one of the case itself. Wall time is the median of ")
        .append(RUNS)
        .append(" runs, with the fastest and slowest. `client CPU` is the client JVM's CPU time ")
        .append("over the timed runs per ID sent; `simulator CPU` the simulator process's per ")
        .append("request, warm-up included. Client and simulator share the machine's ")
        .append(cores)
        .append(" cores.\n\n")
        .append("| IDs | concurrency | requests | wall time, median | min - max | requests/s ")
        .append("| IDs/s | wall µs per ID | client CPU µs per ID | simulator CPU per request |\n")
        .append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Case c : cases.values()) {
      double ms = c.medianMillis();
      md.append(
              String.format(
                  Locale.ROOT, "| %,d | %d | %d | ", c.ids(), c.concurrency(), c.requests()))
          .append(num(ms, 0))
          .append(" ms | ")
          .append(num(c.min(), 0))
          .append(" - ")
          .append(num(c.max(), 0))
          .append(" ms | ")
          .append(ops(c.requests() / (ms / 1000)))
          .append(" | ")
          .append(ops(c.ids() / (ms / 1000)))
          .append(" | ")
          .append(num(ms * 1000 / c.ids(), 1))
          .append(" | ")
          .append(num(c.clientCpuMicrosPerId(), 1))
          .append(" | ")
          .append(num(c.simulatorCpuMillisPerRequest(), 1))
          .append(" ms |\n");
    }
    md.append("\nFrom 10,000 to 100,000 IDs (10x the IDs; linear growth is 10x, a constant cost ")
        .append("per ID):\n\n")
        .append("| concurrency | wall time | wall µs per ID | client CPU µs per ID ")
        .append("| peak heap above the IDs | same, per ID |\n")
        .append("|--:|--:|--:|--:|--:|--:|\n");
    for (int c : CONCURRENCY) {
      Case small = cases.get(SIZES[0] + "/" + c);
      Case big = cases.get(SIZES[1] + "/" + c);
      md.append("| ")
          .append(c)
          .append(" | ")
          .append(ratio(big.medianMillis() / small.medianMillis()))
          .append(" | ")
          .append(num(small.medianMillis() * 1000 / small.ids(), 1))
          .append(" -> ")
          .append(num(big.medianMillis() * 1000 / big.ids(), 1))
          .append(" | ")
          .append(num(small.clientCpuMicrosPerId(), 1))
          .append(" -> ")
          .append(num(big.clientCpuMicrosPerId(), 1))
          .append(" | ")
          .append(ratio((double) big.peakAboveIds() / small.peakAboveIds()))
          .append(" | ")
          .append(num((double) small.peakAboveIds() / small.ids(), 0))
          .append(" B -> ")
          .append(num((double) big.peakAboveIds() / big.ids(), 0))
          .append(" B |\n");
    }
    double worst = 0;
    for (int c : CONCURRENCY) {
      Case small = cases.get(SIZES[0] + "/" + c);
      Case big = cases.get(SIZES[1] + "/" + c);
      worst = Math.max(worst, big.clientCpuMicrosPerId() / small.clientCpuMicrosPerId());
    }
    md.append("\nClient CPU per ID at 100,000 IDs is at most ")
        .append(ratio(worst))
        .append(" what it is at 10,000: ")
        .append(
            worst <= 1.1
                ? "the cost grows no faster than the number of IDs (what a run costs once, such as "
                    + "its thread pool with `concurrency(4)`, weighs more on the short list).\n"
                : "the cost per ID grows with the list, faster than linear.\n")
        .append("\n### Heap\n\n")
        .append("A second fresh JVM per case measures live heap: used heap right after ")
        .append("`System.gc()`, before the IDs exist, once they exist, when the client has read ")
        .append("the last ID of the `Iterable` (its own copies are all alive then), after every ")
        .append("batch (from the progress listener, so with `concurrency(4)` up to 3 other ")
        .append("batches are in flight), and after the run while the result is still referenced. ")
        .append("`peak above the IDs` is the highest of these minus the heap holding the IDs; ")
        .append("`result` is what the returned `BatchResendResult` keeps.\n\n")
        .append("| IDs | concurrency | the IDs themselves | peak above the IDs | per ID ")
        .append("| result | per ID | peak when |\n|--:|--:|--:|--:|--:|--:|--:|---|\n");
    for (Case c : cases.values()) {
      md.append(String.format(Locale.ROOT, "| %,d | %d | ", c.ids(), c.concurrency()))
          .append(mb(c.idsBytes()))
          .append(" (")
          .append(num((double) c.idsBytes() / c.ids(), 0))
          .append(" B/ID) | ")
          .append(mb(c.peakAboveIds()))
          .append(" | ")
          .append(num((double) c.peakAboveIds() / c.ids(), 0))
          .append(" B | ")
          .append(mb(c.resultBytes()))
          .append(" | ")
          .append(num((double) c.resultBytes() / c.ids(), 0))
          .append(" B | ")
          .append(c.peakAt())
          .append(" |\n");
    }
    Case big = cases.get(SIZES[1] + "/1");
    double share = (double) big.peakAboveIds() / big.idsBytes();
    md.append("\nAt 100,000 IDs, sequential, the most the client holds besides the IDs is ")
        .append(mb(big.peakAboveIds()))
        .append(", ")
        .append(ratio(share))
        .append(" the size of the IDs themselves (")
        .append(share < 1 ? "less than" : "more than")
        .append(" the IDs), at its peak when ")
        .append(big.peakAt())
        .append(". The ID strings are shared, not copied: what grows with the list is a few ")
        .append("references and hash entries per ID (about ")
        .append(num((double) big.peakAboveIds() / big.ids(), 0))
        .append(" bytes, against ")
        .append(num((double) big.idsBytes() / big.ids(), 0))
        .append(" for each ID's own string).\n\n");
    Case seq = cases.get(SIZES[1] + "/1");
    suite.headline(
        "`resendAll` of 100,000 IDs against the simulator: "
            + num(seq.medianMillis(), 0)
            + " ms sequential ("
            + ops(seq.requests() / (seq.medianMillis() / 1000))
            + " requests/s), "
            + num(cases.get(SIZES[1] + "/4").medianMillis(), 0)
            + " ms with `concurrency(4)` on "
            + cores
            + " cores; client CPU per ID at 100,000 IDs is at most "
            + ratio(worst)
            + " that at 10,000; peak heap besides the IDs "
            + mb(seq.peakAboveIds())
            + ", "
            + ratio(share)
            + " the IDs' own size (section 4).");
    return md.toString();
  }
}
