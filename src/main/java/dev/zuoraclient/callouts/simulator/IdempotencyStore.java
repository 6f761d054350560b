package dev.zuoraclient.callouts.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Responses stored by {@code Idempotency-Key}. A key is claimed while its first request runs, which
 * is how a concurrent duplicate is told apart from a retry that should be replayed.
 *
 * <p>Bounded: Zuora keeps an answer for 24 hours whatever the traffic, but the simulator keeps at
 * most {@code maxAnswers} of them and at most {@code maxBytes} (estimated) in all, dropping the
 * oldest first; a dropped key is processed afresh, as after the 24 hours. An entry holds a SHA-256
 * digest of the request's IDs rather than the IDs, so its size is that of its answer. Thread-safe.
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

  private record Answer(byte[] digest, SimResponse response, Instant expiresAt, long bytes) {}

  // Besides its answer, an entry holds its key, a digest, an instant and two map nodes.
  private static final long ENTRY_OVERHEAD_BYTES = 256;

  private final int maxAnswers;
  private final long maxBytes;
  private final Map<String, byte[]> claims = new HashMap<>(); // guarded by this
  // Oldest first: answers are stored in completion order and all live as long.
  private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>(); // guarded by this
  private long bytes; // guarded by this
  private long dropped; // guarded by this

  IdempotencyStore(int maxAnswers, long maxBytes) {
    this.maxAnswers = maxAnswers;
    this.maxBytes = maxBytes;
  }

  synchronized Claim claim(String key, List<String> ids, Instant now) {
    byte[] digest = digest(ids);
    expire(now);
    Answer answer = answers.get(key);
    if (answer != null && !now.isBefore(answer.expiresAt())) {
      forget(key); // stored later than an answer still live, under a clock that went back
      answer = null;
    }
    if (answer != null) {
      return Arrays.equals(answer.digest(), digest)
          ? new Claim(Kind.REPLAY, answer.response())
          : new Claim(Kind.MISMATCH, null);
    }
    byte[] claimed = claims.putIfAbsent(key, digest);
    if (claimed == null) {
      return new Claim(Kind.CLAIMED, null);
    }
    return new Claim(Arrays.equals(claimed, digest) ? Kind.IN_PROGRESS : Kind.MISMATCH, null);
  }

  synchronized void complete(String key, SimResponse response, Instant now, Duration ttl) {
    byte[] digest = claims.remove(key);
    if (digest == null) {
      return; // cleared meanwhile
    }
    long size = ENTRY_OVERHEAD_BYTES + key.length() + response.estimatedBytes();
    forget(key);
    answers.put(key, new Answer(digest, response, now.plus(ttl), size));
    bytes += size;
    Iterator<Answer> oldest = answers.values().iterator();
    while (oldest.hasNext() && (answers.size() > maxAnswers || bytes > maxBytes)) {
      bytes -= oldest.next().bytes();
      oldest.remove();
      dropped++;
    }
  }

  /** Frees a claimed key without storing anything, so that a retry is processed afresh. */
  synchronized void release(String key) {
    claims.remove(key);
  }

  synchronized void clear() {
    claims.clear();
    answers.clear();
    bytes = 0;
    dropped = 0;
  }

  /** How many answers are stored now. */
  synchronized int size() {
    return answers.size();
  }

  /** The estimated size of the stored answers. */
  synchronized long bytes() {
    return bytes;
  }

  /** How many answers were dropped to stay within the bounds (expiry not counted). */
  synchronized long dropped() {
    return dropped;
  }

  private void forget(String key) {
    Answer answer = answers.remove(key);
    if (answer != null) {
      bytes -= answer.bytes();
    }
  }

  /** Drops the answers whose 24 hours have passed; they are the oldest. */
  private void expire(Instant now) {
    Iterator<Answer> oldest = answers.values().iterator();
    while (oldest.hasNext()) {
      Answer answer = oldest.next();
      if (now.isBefore(answer.expiresAt())) {
        return;
      }
      bytes -= answer.bytes();
      oldest.remove();
    }
  }

  private static byte[] digest(List<String> ids) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (String id : ids) {
      // length-prefixed, so that ["ab","c"] and ["a","bc"] differ
      byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
      sha256.update(
          new byte[] {
            (byte) (bytes.length >>> 24),
            (byte) (bytes.length >>> 16),
            (byte) (bytes.length >>> 8),
            (byte) bytes.length
          });
      sha256.update(bytes);
    }
    return sha256.digest();
  }
}
