package dev.zuoraclient.callouts.exception;

import java.util.Objects;
import java.util.Optional;

/**
 * No connection to Zuora could be made, so <strong>nothing was sent</strong>: the connection was
 * refused, the host name does not resolve, connecting timed out, or the TLS handshake failed. None
 * of the request's notifications can have been resent, and sending the IDs again is safe.
 *
 * <p>The client retries it within its retry policy (a server restarting refuses connections for a
 * moment), and a batched run stops at the first batch that still cannot connect: every other batch
 * would fail the same way. {@link #host()} and {@link #reason()} say where and why; {@link
 * #getCause()} keeps the JDK's exception.
 *
 * <p>A call is reported as this type only when none of its attempts may have reached Zuora. When an
 * earlier attempt got no usable answer, the call's outcome is unknown: {@link
 * ZuoraOutcomeUnknownException} with reason {@code INCONCLUSIVE_RETRIES} and this as its cause.
 */
public final class ZuoraConnectionException extends ZuoraException {
  private static final long serialVersionUID = 1L;

  /** Why no connection could be made. */
  public enum Reason {
    /**
     * The connection was refused: nothing listens on the port. The JDK's {@code ConnectException}
     * does not tell a refusal from a host that could not be reached, so this covers both.
     */
    REFUSED,
    /** The host name does not resolve. */
    NO_SUCH_HOST,
    /** No connection, TLS handshake included, within the connect timeout. */
    CONNECT_TIMEOUT,
    /**
     * The TLS handshake failed before any of the request was sent: an untrusted certificate, a
     * server that does not speak TLS, no protocol or cipher in common.
     */
    TLS_HANDSHAKE
  }

  private final String host;
  private final String proxy;
  private final Reason reason;

  /**
   * @param detail what went wrong
   * @param host the server it could not connect to, as {@link #host()} describes it
   * @param proxy the HTTP proxy the connection went through ({@code host:port}), or null
   * @param reason why no connection could be made
   * @param context the call this belongs to
   * @param cause the underlying error, or null
   */
  public ZuoraConnectionException(
      String detail, String host, String proxy, Reason reason, Context context, Throwable cause) {
    super(detail, context, cause);
    this.host = Objects.requireNonNull(host, "host");
    this.proxy = proxy;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * The server the client could not connect to, as the base URI names it: the host, with the port
   * when the URI gives one ({@code rest.zuora.com}, {@code 127.0.0.1:8080}).
   */
  public String host() {
    return host;
  }

  /**
   * The HTTP proxy the connection went through ({@code host:port}), when one was configured for the
   * server: then it may be the proxy that could not be reached.
   */
  public Optional<String> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** Why no connection could be made. */
  public Reason reason() {
    return reason;
  }
}
