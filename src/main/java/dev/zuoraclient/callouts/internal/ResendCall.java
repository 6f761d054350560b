package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.exception.ZuoraException;
import java.util.List;

/**
 * One validated resend request: the IDs and the header values to send (null drops a header).
 *
 * @param ids unique, valid callout history IDs, 1..1000 of them
 * @param trackId Zuora-Track-Id or null
 * @param idempotencyKey Idempotency-Key, never null
 * @param entityId Zuora-Entity-Ids or null
 * @param orgIds Zuora-Org-Ids (comma-joined) or null
 * @param gzipRequest whether the body is gzipped
 */
public record ResendCall(
    List<String> ids,
    String trackId,
    String idempotencyKey,
    String entityId,
    String orgIds,
    boolean gzipRequest) {

  ZuoraException.Context context(int status, String requestId, int attempt) {
    return ZuoraException.Context.of(status, requestId, trackId, idempotencyKey, ids)
        .withAttempts(attempt);
  }
}
