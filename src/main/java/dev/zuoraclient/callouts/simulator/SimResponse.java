package dev.zuoraclient.callouts.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer, before content encoding. Kept whole so an idempotent replay can send exactly what the
 * first request got.
 */
record SimResponse(int status, Map<String, String> headers, byte[] body) {

  SimResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** About how much memory this answer holds: its body, and its headers as text. */
  long estimatedBytes() {
    long size = 64L + body.length;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      size += 64L + header.getKey().length() + header.getValue().length();
    }
    return size;
  }
}
