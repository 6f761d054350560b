package dev.zuoraclient.callouts.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Responses stored by {@code Idempotency-Key}. A key is claimed while its first request runs, which
 * is how a concurrent duplicate is told apart from a retry that should be replayed.
 */
final class IdempotencyStore {

  /** What to do with a request that carries a key. */
  enum Kind {
    /** The key is now held by this request; complete or release it. */
    CLAIMED,
    /** A response is stored for this key and request: send it again. */
    REPLAY,
    /** The first request with this key has not finished. */
    IN_PROGRESS,
    /** The key was used for a different request body. */
    MISMATCH
  }

  record Claim(Kind kind, SimResponse stored) {}

  private record Entry(List<String> ids, SimResponse response, Instant expiresAt) {
    boolean expired(Instant now) {
      return response != null && !now.isBefore(expiresAt);
    }
  }

  // Expired entries are dropped when their key is seen again, and in a sweep every so often so
  // that a long-running simulator with random keys does not grow without bound.
  private static final int SWEEP_EVERY = 1024;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger completions = new AtomicInteger();

  Claim claim(String key, List<String> ids, Instant now) {
    Claim[] out = new Claim[1];
    entries.compute(
        key,
        (k, e) -> {
          if (e == null || e.expired(now)) {
            out[0] = new Claim(Kind.CLAIMED, null);
            return new Entry(ids, null, null);
          }
          if (!e.ids().equals(ids)) {
            out[0] = new Claim(Kind.MISMATCH, null);
          } else if (e.response() == null) {
            out[0] = new Claim(Kind.IN_PROGRESS, null);
          } else {
            out[0] = new Claim(Kind.REPLAY, e.response());
          }
          return e;
        });
    return out[0];
  }

  void complete(String key, List<String> ids, SimResponse response, Instant now, Duration ttl) {
    entries.put(key, new Entry(ids, response, now.plus(ttl)));
    if (completions.incrementAndGet() % SWEEP_EVERY == 0) {
      entries.values().removeIf(e -> e.expired(now));
    }
  }

  /** Frees a claimed key without storing anything, so that a retry is processed afresh. */
  void release(String key) {
    entries.computeIfPresent(key, (k, e) -> e.response() == null ? null : e);
  }

  void clear() {
    entries.clear();
  }
}
