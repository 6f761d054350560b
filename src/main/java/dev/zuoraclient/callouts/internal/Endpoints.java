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
    if (baseUri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "baseUri must be an absolute http(s) URI with a host (got '" + baseUri + "')");
    }
    if (baseUri.getQuery() != null
        || baseUri.getFragment() != null
        || baseUri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "baseUri must not have user info, a query or a fragment (got '" + baseUri + "')");
    }
    if (scheme.equals("http") && !isLoopback(baseUri.getHost())) {
      throw new IllegalArgumentException(
          "baseUri must use https unless the host is loopback (got '" + baseUri + "')");
    }
    return baseUri;
  }

  /** Parses a base URI, with a message naming the field. */
  public static URI parse(String baseUri) {
    try {
      return URI.create(baseUri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("baseUri must be a valid URI (got '" + baseUri + "')");
    }
  }

  /** The URI as Feign's target wants it: no trailing slash. */
  static String targetUrl(URI baseUri) {
    String url = baseUri.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
