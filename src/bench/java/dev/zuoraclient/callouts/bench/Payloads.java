package dev.zuoraclient.callouts.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests and answers every contender exchanges, so that all of them send and receive the same
 * bytes.
 *
 * <ul>
 *   <li>{@code A}: 10 IDs, answered 202 with an empty body (all resent).
 *   <li>{@code B}: 1000 IDs, answered 202 with a JSON map naming every other ID as failed (500
 *       failures, about 42 KB).
 * </ul>
 */
public final class Payloads {
  /** The bearer token every contender sends; the loopback server does not check it. */
  public static final String TOKEN = "bench-token-0123456789abcdef";

  /** The resend path, as Zuora and the generated interface spell it. */
  public static final String RESEND_PATH = "/notifications/callout-histories/resend";

  /** Request bodies longer than this are payload B; A's 10 IDs take about 360 bytes. */
  public static final int B_THRESHOLD_BYTES = 4096;

  private static final List<String> A = ids(10);
  private static final List<String> B = ids(1000);
  private static final byte[] B_ANSWER = failuresOfEveryOther(B);

  private Payloads() {}

  /** The IDs of payload {@code A} or {@code B}. */
  public static List<String> ids(String payload) {
    switch (payload) {
      case "A":
        return A;
      case "B":
        return B;
      default:
        throw new IllegalArgumentException("payload must be A or B (got " + payload + ")");
    }
  }

  /** The first {@code n} IDs of a fixed sequence of 32-character callout history IDs. */
  public static List<String> ids(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(id(i));
    }
    return ids;
  }

  /** The {@code i}-th ID of the sequence, shaped like Zuora's. */
  public static String id(int i) {
    return String.format("2c92c0f8%024x", i);
  }

  /** Payload B's answer body. */
  public static byte[] failureAnswer() {
    return B_ANSWER.clone();
  }

  private static byte[] failuresOfEveryOther(List<String> ids) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < ids.size(); i += 2) {
      json.append(i == 0 ? "" : ",")
          .append('"')
          .append(ids.get(i))
          .append("\":{\"code\":\"ObjectNotFound\",\"message\":\"Not found.\"}");
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }
}
