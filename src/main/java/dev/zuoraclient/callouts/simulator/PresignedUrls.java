package dev.zuoraclient.callouts.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLDecoder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The storage host's pre-signed URLs, shaped as S3's ({@code X-Amz-Algorithm}, {@code -Date},
 * {@code -Expires}, {@code -Signature} and friends), signed with an HMAC of the path, the date and
 * the expiry under a secret of this simulator's own: a URL is good for its path only, and only
 * until it expires by the simulator's clock. A test may make the simulator take a URL it did not
 * sign ({@link #accept}), parameter for parameter: a pact's example URL.
 */
final class PresignedUrls {
  static final Duration VALIDITY = Duration.ofHours(1);
  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Whether a request's URL lets it have the file, and if not, why. */
  enum Check {
    GOOD,
    MISSING,
    BAD_SIGNATURE,
    EXPIRED
  }

  /** A URL taken as signed: its raw path and its decoded query parameters. */
  private record Accepted(String path, Map<String, String> params) {}

  private final byte[] secret = new byte[32];
  private final URI base;
  private final Set<Accepted> accepted = ConcurrentHashMap.newKeySet();

  PresignedUrls(URI base) {
    new SecureRandom().nextBytes(secret);
    this.base = base;
  }

  /** The URL of {@code path}, signed at {@code now}; already expired when {@code expired}. */
  String sign(String path, Instant now, boolean expired) {
    Instant date = expired ? now.minus(VALIDITY).minusSeconds(1) : now;
    String amzDate = AMZ_DATE.format(date);
    String expires = Long.toString(VALIDITY.toSeconds());
    return base
        + path
        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Date="
        + amzDate
        + "&X-Amz-SignedHeaders=host"
        + "&X-Amz-Expires="
        + expires
        + "&X-Amz-Credential=ZUORASIMULATOR%2F"
        + amzDate.substring(0, 8)
        + "%2Fus-west-2%2Fs3%2Faws4_request"
        + "&X-Amz-Signature="
        + signature(path, amzDate, expires);
  }

  /** Takes this URL (a raw path and a raw query string) as signed, until {@link #clear()}. */
  void accept(String path, String rawQuery) {
    accepted.add(new Accepted(path, params(rawQuery)));
  }

  /** Forgets the URLs of {@link #accept}. */
  void clear() {
    accepted.clear();
  }

  /** Whether a request for {@code path} with this raw query string may have the file. */
  Check check(String path, String rawQuery, Instant now) {
    Map<String, String> params = params(rawQuery);
    String date = params.get("X-Amz-Date");
    String expires = params.get("X-Amz-Expires");
    String signature = params.get("X-Amz-Signature");
    if (params.get("X-Amz-Algorithm") == null
        || date == null
        || expires == null
        || signature == null) {
      return Check.MISSING;
    }
    if (accepted.contains(new Accepted(path, params))) {
      return Check.GOOD;
    }
    if (!MessageDigest.isEqual(
        signature.getBytes(UTF_8), signature(path, date, expires).getBytes(UTF_8))) {
      return Check.BAD_SIGNATURE;
    }
    try {
      Instant signed = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
      return now.isAfter(signed.plusSeconds(Long.parseLong(expires))) ? Check.EXPIRED : Check.GOOD;
    } catch (DateTimeParseException | NumberFormatException e) {
      return Check.MISSING; // signed by us, so never seen
    }
  }

  /** When a URL signed with these parameters expires, for S3's error text. */
  static String expiry(String rawQuery) {
    Map<String, String> params = params(rawQuery);
    try {
      Instant signed =
          LocalDateTime.parse(params.get("X-Amz-Date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
      return signed.plusSeconds(Long.parseLong(params.get("X-Amz-Expires"))).toString();
    } catch (RuntimeException e) {
      return "";
    }
  }

  static boolean signed(String rawQuery) {
    return params(rawQuery).containsKey("X-Amz-Algorithm");
  }

  private String signature(String path, String date, String expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((path + '\n' + date + '\n' + expires).getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          params.putIfAbsent(
              URLDecoder.decode(pair.substring(0, eq), UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        } catch (IllegalArgumentException e) {
          // a malformed escape: as if absent
        }
      }
    }
    return params;
  }
}
