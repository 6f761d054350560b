package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A finished run leaves no thread of its own behind: the HTTP clients it built and the embedded
 * simulator are stopped before it returns. A thread left selecting (blocked in native code) would
 * cost every exit of the tool at least 300 ms on Java 17, whose JVM waits for such threads when it
 * exits (BENCHMARKS.md, cold start). The one thread allowed to stay is the library's shared
 * watchdog, which parks (never in native code) and ends after a minute without work.
 */
class CleanExitTest {
  private static final String WATCHDOG = "zuora-callout-resend-watchdog";

  @Test
  void resend_inItsDefaultMode_leavesNoThreadBehind() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    CliRun run = CliRun.run(Map.of(), CliRun.words("resend a1 a2 unknown-1"));

    assertThat(run.status()).isEqualTo(ExitCodes.SOME_FAILED);
    assertThat(startedAndAlive(before)).isEmpty();
  }

  @Test
  void failed_leavesNoThreadBehind() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    CliRun run =
        CliRun.run(
            Map.of(),
            CliRun.words("failed --from 2026-12-01T02:00:00Z --to 2026-12-01T03:00:00Z -o ids"));

    assertThat(run.status()).isZero();
    assertThat(startedAndAlive(before)).isEmpty();
  }

  /**
   * Threads that were not there before and are still alive a second later (a pool's worker may be
   * in its last instructions when its pool reports it ended), but the watchdog, by name and state.
   */
  private static Set<String> startedAndAlive(Set<Thread> before) throws InterruptedException {
    Set<Thread> started =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && !t.getName().equals(WATCHDOG))
            .collect(Collectors.toSet());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (Thread t : started) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
    }
    return started.stream()
        .filter(Thread::isAlive)
        .map(t -> t.getName() + " (" + t.getState() + ")")
        .collect(Collectors.toSet());
  }
}
