package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.RateLimit;
import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraPermissionException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import dev.zuoraclient.callouts.exception.ZuoraServerException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An error status as its exception: 401, 403, 429, 5xx or any other, with Zuora's code and message
 * read from whichever of its error shapes the body has. {@link OutcomeMapper} keeps the results and
 * the unknown outcomes.
 */
final class RefusalMapper {
  private final ObjectMapper mapper;
  private final Clock clock;
  private final UnaryOperator<String> scrub;
  private final String operation;

  private static final String RESEND = "the resend";

  /** For the resend's answers. */
  RefusalMapper(ObjectMapper mapper, Clock clock, UnaryOperator<String> scrub) {
    this(mapper, clock, scrub, RESEND);
  }

  /**
   * @param operation the request's name in messages ("the resend", "the Data Query request")
   */
  RefusalMapper(ObjectMapper mapper, Clock clock, UnaryOperator<String> scrub, String operation) {
    this.mapper = mapper;
    this.clock = clock;
    this.scrub = scrub;
    this.operation = operation;
  }

  /** The exception for an error status, with Zuora's code and message when its body had them. */
  ZuoraServiceException refusal(
      int status,
      Map<String, Collection<String>> headers,
      byte[] body,
      ZuoraException.Context context) {
    String[] codeAndMessage = codeAndMessage(body);
    String code = codeAndMessage[0];
    String message = codeAndMessage[1];
    String suffix = message == null ? "" : ": " + message;
    switch (status) {
      case 401:
        return new ZuoraAuthenticationException(
            "Zuora rejected the access token (401)" + suffix,
            message,
            scrub.apply(ResponseHeaders.first(headers, ResponseHeaders.CHALLENGE)),
            context);
      case 403:
        return new ZuoraPermissionException(
            "Zuora denied permission "
                + (operation.equals(RESEND) ? "to resend" : "for " + operation)
                + " (403"
                + (code == null ? "" : ", code " + code)
                + ")"
                + suffix,
            code,
            message,
            context);
      case 429:
        Duration retryAfter = ResponseHeaders.retryAfter(headers, clock);
        RateLimit rl = ResponseHeaders.rateLimit(headers);
        return new ZuoraRateLimitException(
            "Zuora rate limit reached (429)"
                + (retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms")
                + suffix,
            message,
            retryAfter,
            rl == null ? null : rl.reset().orElse(null),
            rl == null ? null : rl.limit().orElse(null),
            rl == null ? -1 : rl.remaining().orElse(-1),
            context);
      default:
        Duration wait = ResponseHeaders.retryAfter(headers, clock);
        if (status >= 500) {
          return new ZuoraServerException(
              "Zuora server error (" + status + ")" + suffix, code, message, wait, context);
        }
        return new ZuoraServiceException(
            "Zuora answered " + status + " to " + operation + suffix, code, message, wait, context);
    }
  }

  /** Zuora's error code and message from the shapes its APIs use; nulls when absent. */
  private String[] codeAndMessage(byte[] body) {
    String[] out = new String[2];
    if (body.length == 0) {
      return out;
    }
    try {
      JsonNode root = mapper.readTree(body);
      if (root == null || !root.isObject()) {
        return out;
      }
      JsonNode reasons = root.path("reasons");
      JsonNode node = reasons.isArray() && reasons.size() > 0 ? reasons.get(0) : root;
      JsonNode code = present(node.get("code"));
      JsonNode message = present(node.get("message"));
      // Zuora's codes are strings or integers (the spec's 403 has an int64 code) and its messages
      // strings. A value of another kind means the body is none of Zuora's error shapes, whatever
      // sent it: neither field is taken as Zuora's words.
      if ((code != null && !code.isTextual() && !code.isIntegralNumber())
          || (message != null && !message.isTextual())) {
        return out;
      }
      out[0] = text(code);
      out[1] = text(message);
    } catch (IOException | RuntimeException e) {
      // not JSON (an HTML error page, say): status alone tells the story
    }
    return out;
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private String text(JsonNode node) {
    if (node == null) {
      return null;
    }
    String text = scrub.apply(node.asText());
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }
}
