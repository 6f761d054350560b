package dev.zuoraclient.callouts.internal;

import feign.Logger;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * Feign's request logging, sent to {@link System.Logger} (so it reaches whatever logging the
 * application uses, with no dependency of ours), with secrets kept out: the {@code Authorization}
 * header is never logged, and token requests never have their bodies logged (they carry the client
 * secret, and their answers the token).
 */
public final class RedactingLogger extends Logger {
  /** The {@link System.Logger} name of the HTTP log lines. */
  public static final String LOGGER_NAME = "dev.zuoraclient.callouts.http";

  private final System.Logger sink = System.getLogger(LOGGER_NAME);
  private final UnaryOperator<String> scrub;

  /**
   * @param scrub removes the secrets of the exchange at hand from each line
   */
  RedactingLogger(UnaryOperator<String> scrub) {
    this.scrub = scrub;
  }

  @Override
  protected boolean shouldLogRequestHeader(String header) {
    return !"Authorization".equalsIgnoreCase(header);
  }

  @Override
  protected void logRequest(String configKey, Level logLevel, Request request) {
    super.logRequest(configKey, capped(configKey, logLevel), request);
  }

  @Override
  protected Response logAndRebufferResponse(
      String configKey, Level logLevel, Response response, long elapsedTime) throws IOException {
    return super.logAndRebufferResponse(
        configKey, capped(configKey, logLevel), response, elapsedTime);
  }

  @Override
  protected void log(String configKey, String format, Object... args) {
    if (sink.isLoggable(System.Logger.Level.INFO)) {
      String line = scrub.apply(methodTag(configKey) + String.format(format, args));
      sink.log(System.Logger.Level.INFO, SafeText.printable(line));
    }
  }

  private static Level capped(String configKey, Level level) {
    boolean tokenRequest = configKey.startsWith("OAuthApi#");
    return tokenRequest && level == Level.FULL ? Level.HEADERS : level;
  }
}
