/**
 * What a call throws when it has no {@link dev.zuoraclient.callouts.ResendResult}: one small tree
 * of unchecked exceptions, all under {@link dev.zuoraclient.callouts.exception.ZuoraException},
 * which carries the status (if any), Zuora's {@code Zuora-Request-Id}, the track ID and idempotency
 * key sent, the IDs and the number of attempts.
 *
 * <pre>
 * ZuoraException
 *   ZuoraServiceException            Zuora answered, not with a documented outcome (status, codes)
 *     ZuoraAuthenticationException   401
 *     ZuoraPermissionException       403
 *     ZuoraRateLimitException        429, with Retry-After and the RateLimit headers
 *     ZuoraServerException           5xx
 *   ZuoraConnectionException         no connection could be made: nothing was sent
 *   ZuoraOutcomeUnknownException     no usable answer: Zuora may or may not have resent
 *   ZuoraTokenException              getting a bearer token failed: nothing was sent
 * </pre>
 *
 * <p>The question that matters after an error is whether notifications may have been resent all the
 * same: {@link dev.zuoraclient.callouts.exception.ZuoraServiceException#mayHaveBeenResent()}
 * answers it for an answer Zuora gave (and {@link
 * dev.zuoraclient.callouts.BatchError#mayHaveBeenResent()} for a batch of a bulk run). Sending the
 * same IDs again is safe only with the same idempotency key, unless it says no.
 */
package dev.zuoraclient.callouts.exception;
