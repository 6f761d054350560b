package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.HttpLogLevel;
import feign.Logger;
import feign.Request;
import feign.Response;
import feign.Util;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The HTTP log: Feign's request logging in lines of our own, sent to {@link System.Logger} (so it
 * reaches whatever logging the application uses, with no dependency of ours), with secrets kept
 * out.
 *
 * <p>Each line starts with the {@link AttemptLabel} of the attempt it belongs to ({@code batch 3/20
 * attempt 1/3}), or {@code token} for a token request, so that requests and answers pair up however
 * many are in flight; the answer line carries the status, the elapsed time and {@code
 * Zuora-Request-Id}. The executor adds its own lines through {@link #note}: why an attempt is
 * retried, after how long, or why not.
 *
 * <p>Never logged: the {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and
 * {@code Set-Cookie} headers, and the bodies of token requests and answers (they carry the client
 * secret and the token). Every line has the secrets of its exchange scrubbed (the token in use, the
 * client secret, and a token endpoint's new token, even where a server echoes it in a header) and
 * control characters escaped.
 */
public final class RedactingLogger extends Logger {
  /** The {@link System.Logger} name of the HTTP log lines. */
  public static final String LOGGER_NAME = "dev.zuoraclient.callouts.http";

  private static final Set<String> NEVER_LOGGED =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final System.Logger sink = System.getLogger(LOGGER_NAME);
  private final HttpLogLevel level;
  private final UnaryOperator<String> scrub;

  /**
   * @param level what to log
   * @param scrub removes the secrets of the exchange at hand from each line
   */
  RedactingLogger(HttpLogLevel level, UnaryOperator<String> scrub) {
    this.level = level;
    this.scrub = scrub;
  }

  /** Feign's level for this logger's {@link HttpLogLevel}. */
  Logger.Level feignLevel() {
    return Logger.Level.valueOf(level.name());
  }

  /** A line of the executor's about {@code attempt}: a retry, a wait, or why there is none. */
  void note(AttemptLabel attempt, String text) {
    if (level != HttpLogLevel.NONE) {
      emit(attempt.toString(), text, scrub);
    }
  }

  @Override
  protected void logRequest(String configKey, Level logLevel, Request request) {
    String label = label(configKey);
    boolean token = isTokenCall(configKey);
    AttemptLabel attempt = token ? null : AttemptLabel.current();
    String ids = "";
    if (attempt != null) {
      int n = attempt.call().ids().size();
      ids = " (" + n + (n == 1 ? " ID)" : " IDs)");
    }
    emit(label, "---> " + request.httpMethod().name() + " " + request.url() + ids, scrub);
    if (logLevel.ordinal() < Level.HEADERS.ordinal()) {
      return;
    }
    headers(label, "---> ", request.headers(), scrub);
    byte[] body = request.body();
    if (body != null && logLevel == Level.FULL && !token) {
      String text =
          request.charset() == null ? "(binary data)" : new String(body, request.charset());
      emit(label, "---> " + text, scrub);
    }
    emit(label, "---> END HTTP (" + (body == null ? 0 : body.length) + "-byte body)", scrub);
  }

  @Override
  protected Response logAndRebufferResponse(
      String configKey, Level logLevel, Response response, long elapsedTime) throws IOException {
    String label = label(configKey);
    boolean token = isTokenCall(configKey);
    boolean headers = logLevel.ordinal() >= Level.HEADERS.ordinal();
    int status = response.status();
    byte[] body = null;
    Response rebuffered = response;
    // A token answer is read here whatever the level: its token is scrubbed from every line.
    if ((headers || token) && response.body() != null && status != 204 && status != 205) {
      try {
        body = Util.toByteArray(response.body().asInputStream());
        rebuffered = response.toBuilder().body(body).build();
      } catch (IOException e) {
        if (headers) {
          throw e; // as Feign's own logger does: the answer could not be read
        }
        rebuffered = response.toBuilder().body(new ResponseBodies.FailingBody(e)).build();
      }
    }
    UnaryOperator<String> clean = token ? withIssuedToken(body) : scrub;
    String requestId = ResponseHeaders.first(response.headers(), ResponseHeaders.REQUEST_ID);
    emit(
        label,
        "<--- "
            + status
            + (response.reason() == null ? "" : " " + response.reason())
            + " in "
            + elapsedTime
            + " ms, "
            + (requestId == null ? "no Zuora-Request-Id" : "Zuora-Request-Id: " + requestId),
        clean);
    if (!headers) {
      return rebuffered;
    }
    headers(label, "<--- ", response.headers(), clean);
    if (body != null && body.length > 0 && logLevel == Level.FULL && !token) {
      emit(label, "<--- " + new String(body, StandardCharsets.UTF_8), clean);
    }
    emit(label, "<--- END HTTP (" + (body == null ? 0 : body.length) + "-byte body)", clean);
    return rebuffered;
  }

  @Override
  protected IOException logIOException(
      String configKey, Level logLevel, IOException ioe, long elapsedTime) {
    emit(
        label(configKey),
        "<--- ERROR "
            + ioe.getClass().getSimpleName()
            + (ioe.getMessage() == null ? "" : ": " + ioe.getMessage())
            + " (after "
            + elapsedTime
            + " ms)",
        scrub);
    return ioe;
  }

  @Override
  protected void log(String configKey, String format, Object... args) {
    // Feign's own lines (a retry of its own, which it never makes here) in the same form.
    emit(label(configKey), String.format(Locale.ROOT, format, args), scrub);
  }

  private void headers(
      String label,
      String direction,
      Map<String, Collection<String>> headers,
      UnaryOperator<String> clean) {
    for (Map.Entry<String, Collection<String>> h : headers.entrySet()) {
      if (h.getKey() == null || NEVER_LOGGED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : h.getValue()) {
        emit(label, direction + h.getKey() + ": " + value, clean);
      }
    }
  }

  private void emit(String label, String text, UnaryOperator<String> clean) {
    if (sink.isLoggable(System.Logger.Level.INFO)) {
      sink.log(System.Logger.Level.INFO, SafeText.printable(clean.apply(label + " " + text)));
    }
  }

  /** The attempt's label, {@code token} for a token request, or Feign's method tag. */
  private static String label(String configKey) {
    if (isTokenCall(configKey)) {
      return "token";
    }
    AttemptLabel attempt = AttemptLabel.current();
    return attempt != null ? attempt.toString() : methodTag(configKey).trim();
  }

  private static boolean isTokenCall(String configKey) {
    return configKey.startsWith("OAuthApi#");
  }

  /**
   * The scrub, plus the token a token answer issues: the client has not read it yet, and a server
   * could echo it in a header.
   */
  private UnaryOperator<String> withIssuedToken(byte[] body) {
    String issued = null;
    if (body != null && body.length > 0) {
      try {
        JsonNode node = JSON.readTree(body);
        JsonNode token = node == null ? null : node.get("access_token");
        issued = token != null && token.isTextual() ? token.asText() : null;
      } catch (IOException | RuntimeException e) {
        issued = null; // no token the client could use, so none to hide
      }
    }
    if (issued == null || issued.isEmpty()) {
      return scrub;
    }
    SafeText.Secret secret = SafeText.Secret.of(issued);
    return text -> secret.scrub(scrub.apply(text));
  }
}
