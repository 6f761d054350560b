package dev.zuoraclient.callouts.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the simulator received it, for assertions on what a client actually sent.
 *
 * <p>Immutable. {@link #toString()} hides the {@code Authorization} header and the body, which may
 * carry a token or a client secret; the accessors return them unchanged.
 *
 * @param method the HTTP method, for example {@code POST}
 * @param path the raw request path without the query, for example {@code
 *     /notifications/callout-histories/resend}
 * @param headers every request header; the map's lookups ignore case
 * @param body the body bytes exactly as sent (still gzipped if the client gzipped them)
 * @param bodyText the body after undoing {@code Content-Encoding: gzip}, as UTF-8 text; the raw
 *     bytes as text when they could not be decoded
 * @param ids the IDs of a resend request whose body is a JSON array of strings, in the order sent
 *     with duplicates kept; empty for any other request
 * @param receivedAt when the request arrived, by the simulator's clock
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    byte[] body,
    String bodyText,
    List<String> ids,
    Instant receivedAt) {

  /** Copies every argument; none may be null. */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(bodyText, "bodyText");
    Objects.requireNonNull(receivedAt, "receivedAt");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      copy.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
    }
    copy.replaceAll((k, v) -> List.copyOf(v));
    headers = Collections.unmodifiableMap(copy);
    body = body.clone();
    ids = List.copyOf(ids);
  }

  /** The body bytes exactly as sent; a copy. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The first value of a header, looked up ignoring case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** True for a {@code POST} to the resend endpoint, whatever the simulator answered. */
  public boolean isResend() {
    return method.equals("POST") && path.equals(ZuoraSimulator.RESEND_PATH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordedRequest r
        && method.equals(r.method)
        && path.equals(r.path)
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body)
        && bodyText.equals(r.bodyText)
        && ids.equals(r.ids)
        && receivedAt.equals(r.receivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, headers, Arrays.hashCode(body), ids, receivedAt);
  }

  @Override
  public String toString() {
    StringBuilder shown = new StringBuilder("{");
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (shown.length() > 1) {
        shown.append(", ");
      }
      boolean secret =
          e.getKey().equalsIgnoreCase("Authorization")
              || e.getKey().equalsIgnoreCase("Proxy-Authorization");
      shown.append(e.getKey()).append('=').append(secret ? "[****]" : e.getValue());
    }
    shown.append('}');
    return "RecordedRequest{"
        + method
        + ' '
        + path
        + ", headers="
        + shown
        + ", body="
        + body.length
        + " bytes, ids="
        + (ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + "... (" + ids.size() + ")")
        + ", receivedAt="
        + receivedAt
        + '}';
  }

  /** About how much memory this request holds: its body twice (as sent, as text), IDs, headers. */
  long estimatedBytes() {
    long size = 256L + body.length + bodyText.length();
    for (String id : ids) {
      size += 48L + id.length();
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      for (String value : e.getValue()) {
        size += 64L + e.getKey().length() + value.length();
      }
    }
    return size;
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
