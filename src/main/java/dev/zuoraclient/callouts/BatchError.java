package dev.zuoraclient.callouts;

import java.util.List;
import java.util.Objects;

/**
 * A batch that produced no result: its IDs are all in {@link BatchResendResult#unresolved()}.
 *
 * @param batchIndex the batch, from 1
 * @param ids the IDs of the batch, in request order
 * @param error what happened (usually a {@link dev.zuoraclient.callouts.exception.ZuoraException})
 */
public record BatchError(int batchIndex, List<String> ids, RuntimeException error) {
  /** Copies the IDs. */
  public BatchError {
    ids = List.copyOf(ids);
    Objects.requireNonNull(error, "error");
  }
}
