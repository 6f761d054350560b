package dev.zuoraclient.callouts.history;

import java.time.Duration;

/**
 * Told how a find is going: each state of its Data Query job as the client learns it, then the
 * download. Called on the finding thread; must return quickly and not throw.
 */
@FunctionalInterface
public interface QueryJobListener {
  /** A listener that does nothing. */
  QueryJobListener NONE = (jobId, state, elapsed) -> {};

  /**
   * @param jobId the job's ID
   * @param state Zuora's {@code queryStatus} ({@code accepted}, {@code in_progress}, {@code
   *     completed}, ...), then {@code downloading} while the result file is read
   * @param elapsed the time since the job was submitted
   */
  void stateChanged(String jobId, String state, Duration elapsed);
}
