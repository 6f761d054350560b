package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.internal.ResultDownload.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The request for a result file at its pre-signed URL: only {@code https} (or {@code http} to a
 * loopback host), no {@code Authorization} and no Zuora header (the URL is its own credential, and
 * a storage host refuses a request with both), redirects followed only to the same scheme, host and
 * port, at most {@value #MAX_REDIRECTS} times; anything but a 200 is a {@link Failure} that names
 * the storage host's error code.
 */
final class SignedUrlFetch {
  static final int MAX_REDIRECTS = 3;

  private final Duration readTimeout;
  private final String userAgent;

  SignedUrlFetch(Duration readTimeout, String userAgent) {
    this.readTimeout = readTimeout;
    this.userAgent = userAgent;
  }

  /** The answer to a GET of {@code dataFile} through {@code http}, its body not yet read. */
  HttpResponse<InputStream> get(HttpClient http, String dataFile)
      throws IOException, InterruptedException, Failure {
    return open(http, checkedUri(dataFile));
  }

  static URI checkedUri(String dataFile) throws Failure {
    URI uri;
    try {
      uri = URI.create(dataFile);
    } catch (IllegalArgumentException e) {
      throw new Failure("the job's dataFile is not a URL", null);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new Failure("the job's dataFile is not an absolute URL", null);
    }
    if (!scheme.equals("https") && !(scheme.equals("http") && Endpoints.isLoopbackHost(uri))) {
      throw new Failure(
          "the job's dataFile is not an https URL (" + scheme + "://" + uri.getHost() + ")", null);
    }
    return uri;
  }

  private HttpResponse<InputStream> open(HttpClient http, URI first)
      throws IOException, InterruptedException, Failure {
    URI uri = first;
    for (int hop = 0; ; hop++) {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .GET()
              .timeout(readTimeout)
              .header("User-Agent", userAgent)
              .build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (!sameOrigin(first, response.uri())) {
        response.body().close();
        throw new Failure(
            "the result file was redirected to another host (" + response.uri().getHost() + ")",
            null);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        response.body().close();
        String location = response.headers().firstValue("Location").orElse(null);
        URI next = location == null ? null : uri.resolve(location);
        if (next == null || !sameOrigin(first, next)) {
          throw new Failure(
              "the result file was redirected ("
                  + status
                  + ") "
                  + (next == null
                      ? "without a location"
                      : "to another host (" + next.getHost() + ")"),
              null);
        }
        if (hop >= MAX_REDIRECTS) {
          throw new Failure(
              "the result file was redirected more than " + MAX_REDIRECTS + " times", null);
        }
        uri = next;
        continue;
      }
      if (status != 200) {
        String detail = storageError(response.body());
        throw new Failure(
            "the storage host answered "
                + status
                + (detail.isEmpty() ? "" : " (" + detail + ")")
                + (status == 403 ? "; the link may have expired: find again for a fresh one" : ""),
            null);
      }
      return response;
    }
  }

  /** The code of an S3-style XML error ({@code <Code>AccessDenied</Code>}), or "". */
  private static String storageError(InputStream body) {
    try (body) {
      byte[] head = body.readNBytes(4096);
      String text = new String(head, java.nio.charset.StandardCharsets.UTF_8);
      int start = text.indexOf("<Code>");
      int end = text.indexOf("</Code>");
      if (start >= 0 && end > start) {
        return shorten(SafeText.printable(text.substring(start + 6, end)), 64);
      }
    } catch (IOException e) {
      // the status says enough
    }
    return "";
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
