package dev.zuoraclient.callouts;

/**
 * How much of each HTTP exchange the client logs, through {@link System.Logger} under the name
 * {@code dev.zuoraclient.callouts.http} at level {@code INFO}. Each line starts with the attempt it
 * belongs to ({@code attempt 1/3}, {@code batch 2/5 attempt 1/3} in a batched run, {@code token}
 * for a token request), so that requests and answers pair up however many are in flight. The {@code
 * Authorization}, {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} headers and
 * the token are never logged at any level, and neither are the bodies of token requests.
 */
public enum HttpLogLevel {
  /** Nothing (the default). */
  NONE,
  /**
   * A line for each request (method, URL, number of IDs) and each answer (status, elapsed time,
   * {@code Zuora-Request-Id}), and why an attempt is retried, after how long, or why not.
   */
  BASIC,
  /** {@link #BASIC} plus request and response headers, but those never logged. */
  HEADERS,
  /** {@link #HEADERS} plus the bodies of resend requests and their answers. */
  FULL
}
