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
}
