package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What each status means for the IDs of a call, pinned for every status from 400 to 599, as the
 * README and the exception docs state it.
 */
class StatusRulesTest {
  static final Set<Integer> NOT_UNDERSTOOD = Set.of(501, 505);

  @Test
  void mayHaveBeenProcessed_is409AndEvery5xxButNotUnderstoodAndUnavailable() {
    IntStream.rangeClosed(400, 599)
        .forEach(
            status ->
                assertThat(ZuoraServiceException.mayHaveBeenProcessed(status))
                    .as("mayHaveBeenProcessed(%d)", status)
                    .isEqualTo(
                        status == 409
                            || (status >= 500
                                && status != 503
                                && !NOT_UNDERSTOOD.contains(status))));
  }

  @Test
  void isRetryable_is409_429_andEvery5xxButNotUnderstood() {
    IntStream.rangeClosed(400, 599)
        .forEach(
            status ->
                assertThat(ZuoraServiceException.isRetryable(status))
                    .as("isRetryable(%d)", status)
                    .isEqualTo(
                        status == 409
                            || status == 429
                            || (status >= 500 && !NOT_UNDERSTOOD.contains(status))));
  }

  @Test
  void whatMayHaveBeenProcessed_isAlwaysRetryable_withTheSameKey() {
    IntStream.rangeClosed(400, 599)
        .filter(ZuoraServiceException::mayHaveBeenProcessed)
        .forEach(status -> assertThat(ZuoraServiceException.isRetryable(status)).isTrue());
  }
}
