package dev.zuoraclient.callouts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How much of the machine's CPU went to processes other than this harness and its children while a
 * benchmark ran: all CPU time in {@code /proc/stat} minus what our own processes used, sampled
 * every 200 ms. The benchmarks share the machine with whatever else runs on it; this says when they
 * did.
 */
final class ForeignLoad {
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

  private final Map<Long, Long> lastCpu = new HashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;
  private long ownNanos;
  private final long[] startTicks;

  private ForeignLoad() {
    startTicks = machineTicks();
    synchronized (lastCpu) {
      ownProcesses().forEach(p -> lastCpu.put(p.pid(), cpu(p)));
    }
    sampler =
        new Thread(
            () -> {
              while (running) {
                sample();
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "foreign-load");
    sampler.setDaemon(true);
    sampler.start();
  }

  static ForeignLoad start() {
    return new ForeignLoad();
  }

  private static final long QUIET_BUDGET_NANOS = 240_000_000_000L;
  private static long waitedNanos;

  /**
   * Waits until the machine is quiet (under a quarter of its CPU busy over one second, while this
   * harness and its idle helpers do nothing), at most 4 minutes over the whole suite. Returns the
   * seconds waited.
   */
  static synchronized long awaitQuiet() {
    long start = System.nanoTime();
    while (waitedNanos + (System.nanoTime() - start) < QUIET_BUDGET_NANOS) {
      long[] before = machineTicks();
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long[] after = machineTicks();
      if (before == null || after == null) {
        break;
      }
      long total = after[1] - before[1];
      if (total <= 0 || (after[0] - before[0]) / (double) total < 0.25) {
        break;
      }
    }
    long waited = System.nanoTime() - start;
    waitedNanos += waited;
    return waited / 1_000_000_000L;
  }

  /** Seconds spent waiting for quiet so far. */
  static synchronized long secondsWaited() {
    return waitedNanos / 1_000_000_000L;
  }

  /** The share of all cores used by other processes since {@link #start()}; NaN if unknown. */
  double stop() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
    long[] end = machineTicks();
    if (startTicks == null || end == null) {
      return Double.NaN;
    }
    long busy = (end[0] - startTicks[0]) * NANOS_PER_TICK;
    long total = (end[1] - startTicks[1]) * NANOS_PER_TICK;
    synchronized (lastCpu) {
      return total <= 0 ? Double.NaN : Math.max(0, busy - ownNanos) / (double) total;
    }
  }

  private void sample() {
    synchronized (lastCpu) {
      ownProcesses()
          .forEach(
              p -> {
                long now = cpu(p);
                Long before = lastCpu.put(p.pid(), now);
                ownNanos += Math.max(0, now - (before == null ? 0 : before));
              });
    }
  }

  private static Stream<ProcessHandle> ownProcesses() {
    return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants());
  }

  private static long cpu(ProcessHandle p) {
    return p.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
  }

  /** Busy and total ticks of all CPUs, or null where {@code /proc/stat} is not available. */
  private static long[] machineTicks() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = line.trim().split("\\s+");
      long user = Long.parseLong(f[1]);
      long nice = Long.parseLong(f[2]);
      long system = Long.parseLong(f[3]);
      long idle = Long.parseLong(f[4]);
      long iowait = Long.parseLong(f[5]);
      long irq = Long.parseLong(f[6]);
      long softirq = Long.parseLong(f[7]);
      long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
      long busy = user + nice + system + irq + softirq + steal;
      return new long[] {busy, busy + idle + iowait};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
