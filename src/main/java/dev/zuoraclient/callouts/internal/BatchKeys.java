package dev.zuoraclient.callouts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The idempotency keys of a batched run, derived from its base key and each batch's IDs. */
final class BatchKeys {
  private BatchKeys() {}

  /**
   * The key of one batch: {@code base-} and 16 hex digits of the SHA-256 of the batch's IDs, so
   * that the same IDs under the same base always get the same key (a rerun replays Zuora's stored
   * answer) and different IDs never share one (a rerun of only the unresolved IDs cannot be
   * answered with another batch's stored answer). A base too long for the suffix is replaced by its
   * own SHA-256, keeping the key within the spec's Idempotency-Key maxLength without truncating
   * bases into collisions.
   */
  static String derive(String base, List<String> batchIds) {
    MessageDigest sha = sha256();
    for (String id : batchIds) {
      sha.update(id.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n'); // IDs hold no control characters, so this separates them
    }
    String suffix = "-" + hex(sha.digest()).substring(0, 16);
    if (base.length() + suffix.length() <= SpecRules.IDEMPOTENCY_KEY.maxLength()) {
      return base + suffix;
    }
    return hex(sha256().digest(base.getBytes(StandardCharsets.US_ASCII))) + suffix;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
