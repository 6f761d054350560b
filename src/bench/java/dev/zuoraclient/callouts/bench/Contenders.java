package dev.zuoraclient.callouts.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** What the raw contenders share: the server's address and the same Jackson work as the client. */
final class Contenders {
  /** The system property the harness passes to every JMH fork. */
  static final String SERVER_PROPERTY = "bench.server";

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final TypeReference<Map<String, ResendFailureBody>> FAILURES = new TypeReference<>() {};

  private Contenders() {}

  static URI server() {
    String server = System.getProperty(SERVER_PROPERTY);
    if (server == null) {
      throw new IllegalStateException(
          "-D" + SERVER_PROPERTY + "=http://127.0.0.1:PORT is required");
    }
    return URI.create(server);
  }

  static URI resendUri() {
    return server().resolve(Payloads.RESEND_PATH);
  }

  /** Decodes an answer the way the client does: empty means every ID was resent. */
  static Map<String, ResendFailureBody> failures(int status, byte[] body) throws IOException {
    if (status != 202) {
      throw new IOException("unexpected status " + status);
    }
    return body.length == 0 ? Map.of() : MAPPER.readValue(body, FAILURES);
  }
}
