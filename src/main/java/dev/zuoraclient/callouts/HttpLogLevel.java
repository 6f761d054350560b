package dev.zuoraclient.callouts;

/**
 * How much of each HTTP exchange the client logs, through {@link System.Logger} under the name
 * {@code dev.zuoraclient.callouts.http} at level {@code INFO}. The {@code Authorization} header and
 * the token are never logged at any level, and neither are the bodies of token requests.
 */
public enum HttpLogLevel {
  /** Nothing (the default). */
  NONE,
  /** Method, URL, status and elapsed time. */
  BASIC,
  /** {@link #BASIC} plus request and response headers, except {@code Authorization}. */
  HEADERS,
  /** {@link #HEADERS} plus the bodies of resend requests and their answers. */
  FULL
}
