package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.exception.ZuoraConnectionException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The transport's word that an exchange failed before any of the request could have reached the
 * server, with where and why, so that Feign's log line and the exception name them. The JDK's
 * exceptions say neither: a refused connection is a {@code ConnectException} with no message
 * wrapping another ({@code ClosedChannelException}, after the {@link HttpClient}'s own second try),
 * and an unknown host a {@code ConnectException} wrapping an {@link UnresolvedAddressException}.
 * {@link #getCause()} is the JDK's exception.
 */
final class NotConnectedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** How far down a cause chain to look: the JDK's are two or three deep. */
  private static final int MAX_DEPTH = 16;

  private final String host;
  private final String proxy;
  private final Reason reason;

  private NotConnectedException(String host, String proxy, Reason reason, IOException cause) {
    super(ErrorRules.couldNotConnect(host, proxy, reason, cause), cause);
    this.host = host;
    this.proxy = proxy;
    this.reason = reason;
  }

  /**
   * {@code failure} as a connection that could not be made, or null when the request may have left.
   *
   * @param failure what {@link HttpClient#send} threw
   * @param uri the request's URI
   * @param bodyTaken whether the client asked for the request body (true when unknown): until it
   *     does, none of the request's IDs has left
   * @param http the client, whose proxy is named
   */
  static NotConnectedException of(
      IOException failure, URI uri, boolean bodyTaken, HttpClient http) {
    Reason reason = reason(failure, bodyTaken);
    if (reason == null) {
      return null;
    }
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    return new NotConnectedException(host, proxy(http, uri), reason, failure);
  }

  /**
   * A host that does not resolve or a connect timeout (which covers the TLS handshake) is named by
   * its type anywhere in the chain. A TLS handshake precedes every byte of the request; another TLS
   * error counts only while the body was never asked for, since it may come after the handshake. A
   * {@link ConnectException} is thrown only while connecting.
   */
  private static Reason reason(Throwable failure, boolean bodyTaken) {
    boolean connect = false;
    boolean handshake = false;
    boolean tls = false;
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return Reason.NO_SUCH_HOST;
      }
      if (t instanceof HttpConnectTimeoutException) {
        return Reason.CONNECT_TIMEOUT;
      }
      connect |= t instanceof ConnectException;
      handshake |= t instanceof SSLHandshakeException;
      tls |= t instanceof SSLException;
    }
    if (handshake || (tls && !bodyTaken)) {
      return Reason.TLS_HANDSHAKE;
    }
    return connect ? Reason.REFUSED : null;
  }

  /**
   * The HTTP proxy the client connects to for {@code uri} ({@code host:port}), or null. A client
   * with no proxy of its own uses the JDK's default selector, which reads the system properties.
   */
  private static String proxy(HttpClient http, URI uri) {
    ProxySelector selector = http.proxy().orElseGet(ProxySelector::getDefault);
    if (selector == null) {
      return null;
    }
    try {
      for (Proxy p : selector.select(uri)) {
        if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
          return a.getHostString() + ":" + a.getPort();
        }
      }
    } catch (RuntimeException e) {
      // a selector that cannot tell names no proxy; the failure is reported all the same
    }
    return null;
  }

  /** The server, as the URI names it: the host, with the port when the URI gives one. */
  String host() {
    return host;
  }

  /** The proxy, or null. */
  String proxy() {
    return proxy;
  }

  /** Why no connection could be made. */
  Reason reason() {
    return reason;
  }
}
