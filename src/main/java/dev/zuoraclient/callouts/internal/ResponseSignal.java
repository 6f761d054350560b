package dev.zuoraclient.callouts.internal;

import feign.FeignException;
import feign.Response;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Carries a non-2xx answer, or a 2xx answer that could not be decoded, from Feign's decoders to
 * {@link OutcomeMapper}, which turns it into a typed result or exception. Never escapes the
 * library. It extends {@link FeignException} only because Feign passes those through untouched.
 */
final class ResponseSignal extends FeignException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final transient Map<String, Collection<String>> headers;
  private final byte[] body;
  private final boolean decodeFailure;

  private ResponseSignal(Response response, byte[] body, Throwable cause, boolean decodeFailure) {
    super(
        response.status(),
        "response status " + response.status(),
        response.request(),
        cause,
        null,
        null);
    this.httpStatus = response.status();
    this.headers = response.headers();
    this.body = body;
    this.decodeFailure = decodeFailure;
  }

  /** A non-2xx answer whose body was read (or failed to read: {@code readFailure}). */
  static ResponseSignal errorStatus(Response response, byte[] body, IOException readFailure) {
    return new ResponseSignal(response, body, readFailure, false);
  }

  /** A 2xx answer whose body could not be read or parsed. */
  static ResponseSignal undecodable(Response response, Exception cause) {
    return new ResponseSignal(response, null, cause, true);
  }

  int httpStatus() {
    return httpStatus;
  }

  Map<String, Collection<String>> headers() {
    return headers;
  }

  /** The body, or null when it could not be read (see {@link #getCause()}) or was absent. */
  byte[] body() {
    return body;
  }

  boolean isDecodeFailure() {
    return decodeFailure;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // control flow, not a bug: the stack trace would only cost time
  }
}
