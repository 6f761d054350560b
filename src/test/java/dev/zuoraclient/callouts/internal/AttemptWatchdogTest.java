package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's thread lives only while it has work: it ends after its idle time, and a new one
 * starts with the next attempt, which it still cuts off on time.
 */
class AttemptWatchdogTest {
  static final Duration IDLE = Duration.ofMillis(200);

  @Test
  void thread_endsWhenIdle_andStartsAgainOnDemand() throws Exception {
    AttemptWatchdog watchdog = new AttemptWatchdog(IDLE, "watchdog-under-test");

    AttemptWatchdog.Attempt first = watchdog.watch(TimeUnit.SECONDS.toNanos(30));
    Thread thread = watchdog.thread();
    assertThat(thread).isNotNull();
    assertThat(thread.isAlive()).isTrue();
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getContextClassLoader()).isNull();
    assertThat(first.disarm()).isTrue();

    thread.join(Duration.ofSeconds(10).toMillis());
    assertThat(thread.isAlive()).as("the idle watchdog thread ended").isFalse();
    assertThat(watchdog.thread()).isNull();

    // the next attempt starts a new thread, which interrupts it when its budget runs out
    AttemptWatchdog.Attempt second = watchdog.watch(TimeUnit.MILLISECONDS.toNanos(50));
    Thread again = watchdog.thread();
    assertThat(again).isNotNull().isNotSameAs(thread);
    boolean interrupted = false;
    try {
      Thread.sleep(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      interrupted = true;
    }
    assertThat(interrupted).as("the attempt was cut off").isTrue();
    assertThat(second.disarm()).as("disarm reports the watchdog fired").isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();

    again.join(Duration.ofSeconds(10).toMillis());
    assertThat(again.isAlive()).isFalse();
  }

  @Test
  void thread_staysWhileAttemptsKeepComing() throws Exception {
    Duration idle = Duration.ofSeconds(3);
    AttemptWatchdog watchdog = new AttemptWatchdog(idle, "watchdog-under-test-busy");
    watchdog.watch(TimeUnit.SECONDS.toNanos(30)).disarm();
    Thread thread = watchdog.thread();
    for (int i = 0; i < 10; i++) {
      Thread.sleep(idle.toMillis() / 10);
      assertThat(watchdog.watch(TimeUnit.SECONDS.toNanos(30)).disarm()).isTrue();
    }
    assertThat(watchdog.thread()).isSameAs(thread);
    assertThat(thread.isAlive()).isTrue();
  }
}
