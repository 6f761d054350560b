package dev.zuoraclient.callouts.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark JVM per operation ({@code cpu.time.norm}, µs/op), every thread included
 * (JIT, GC): with the server in its own JVM, it is what one call costs the client.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  /** The secondary result's name. */
  public static final String RESULT = "cpu.time.norm";

  private long startNanos;

  @Override
  public String getDescription() {
    return "Process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = processCpuNanos();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long used = processCpuNanos() - startNanos;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : used / 1000.0 / ops;
    return List.of(new ScalarResult(RESULT, perOp, "us/op", AggregationPolicy.AVG));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
