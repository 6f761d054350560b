package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.ZuoraEnvironment;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** Chooses and checks the server a client talks to. */
public final class Endpoints {
  private Endpoints() {}

  /**
   * The base URI from exactly one of an environment and a custom URI: https, or http on a loopback
   * host (tests and the simulator).
   */
  public static URI resolve(ZuoraEnvironment environment, URI baseUri) {
    if (environment != null && baseUri != null) {
      throw new IllegalStateException("set either environment or baseUri, not both");
    }
    if (environment != null) {
      return environment.baseUri();
    }
    if (baseUri == null) {
      throw new IllegalStateException("an environment or a baseUri is required");
    }
    String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
    if (baseUri.getRawUserInfo() != null
        || baseUri.getRawAuthority() != null && baseUri.getRawAuthority().contains("@")) {
      // Credentials belong in the token settings; the value is not shown, as it holds them.
      throw new IllegalArgumentException(
          "baseUri must not have user info (got '" + shown(baseUri.toString()) + "')");
    }
    if (baseUri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "baseUri must be an absolute http(s) URI with a host (got '" + shown(baseUri) + "')");
    }
    int port = baseUri.getPort();
    if (port == 0 || port > 65535) {
      throw new IllegalArgumentException(
          "baseUri must have a port from 1 to 65535 (got " + port + ")");
    }
    if (baseUri.getQuery() != null || baseUri.getFragment() != null) {
      throw new IllegalArgumentException(
          "baseUri must not have a query or a fragment (got '" + shown(baseUri) + "')");
    }
    if (scheme.equals("http") && !isLoopback(baseUri.getHost())) {
      throw new IllegalArgumentException(
          "baseUri must use https unless the host is loopback (got '" + shown(baseUri) + "')");
    }
    return baseUri;
  }

  /** Parses a base URI, with a message naming the field. */
  public static URI parse(String baseUri) {
    try {
      return URI.create(baseUri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "baseUri must be a valid URI (got '" + shown(baseUri) + "')");
    }
  }

  private static String shown(URI uri) {
    return shown(uri.toString());
  }

  /** A URI for a message: anything before an '@' in its authority (user info) masked. */
  private static String shown(String uri) {
    String masked = uri.replaceFirst("^([^:/?#]*:)?//[^/?#]*@", "$1//" + SafeText.MASK + "@");
    String printable = SafeText.printable(masked);
    return printable.length() > 200 ? printable.substring(0, 200) + "..." : printable;
  }

  /** The URI as Feign's target wants it: no trailing slash. */
  static String targetUrl(URI baseUri) {
    String url = baseUri.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Whether {@code uri}'s host is a loopback address or {@code localhost} (never resolved). */
  static boolean isLoopbackHost(URI uri) {
    return uri.getHost() != null && isLoopback(uri.getHost());
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    boolean literal =
        h.indexOf(':') >= 0 || h.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    if (!literal) {
      return false; // never resolve a name just to validate a setting
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
