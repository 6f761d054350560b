package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.util.ArrayList;
import java.util.List;

/**
 * What each transport candidate sends for a call with {@code gzipRequest}: the library's wiring
 * over each, against the simulator, which rejects a body labelled gzip that is not.
 */
public final class RequestGzipCheck {
  private RequestGzipCheck() {}

  /** One line per transport: whether the body left gzipped, and how the simulator answered. */
  public static List<String> run() {
    String token = "gzip-check-token";
    String id = "2c92c0f8000000000000000000000001";
    try (ZuoraSimulator zuora = ZuoraSimulator.builder().acceptToken(token).knownIds(id).start()) {
      List<String> lines = new ArrayList<>();
      for (String name : List.of("jdk", "urlconnection", "okhttp", "hc5")) {
        lines.add(check(zuora, token, id, name));
      }
      return lines;
    }
  }

  private static String check(ZuoraSimulator zuora, String token, String id, String name) {
    ResendExecutor executor =
        TransportCandidates.executor(zuora.baseUri(), token, TransportCandidates.transport(name));
    String outcome;
    try {
      outcome =
          "answered " + executor.resend(TransportCandidates.call(List.of(id), true)).statusCode();
    } catch (RuntimeException e) {
      outcome = "failed: " + e.getMessage();
    }
    List<RecordedRequest> requests = zuora.requests();
    byte[] body = requests.get(requests.size() - 1).body();
    boolean gzipped = body.length > 1 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    return "`"
        + name
        + "`: `Content-Encoding: gzip` sent, body "
        + (gzipped ? "gzipped" : "**not** gzipped")
        + "; the simulator "
        + outcome;
  }
}
