package dev.zuoraclient.callouts;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code RateLimit-*} headers of a Zuora answer. Each part is empty when Zuora did not send it
 * or sent something that is not a number.
 *
 * @param limit {@code RateLimit-Limit} as sent, for example {@code 50000;w=60}
 * @param remaining {@code RateLimit-Remaining}
 * @param reset {@code RateLimit-Reset}, the time until the window resets
 */
public record RateLimit(Optional<String> limit, OptionalLong remaining, Optional<Duration> reset) {}
