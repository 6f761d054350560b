package dev.zuoraclient.callouts.simulator;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

/**
 * One GET over a bare socket, read to the end of the connection: what the storage host sent byte
 * for byte, so that a test sees how a body ended (short of its length, or without its last chunk),
 * which an HTTP client reports only as an error.
 */
final class RawHttp {

  /** The head as text, the body as it arrived (chunks decoded), and whether it ended properly. */
  record Response(String head, byte[] body, boolean complete) {
    boolean chunked() {
      return head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
    }

    long contentLength() {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Long.parseLong(line.substring(15).trim());
        }
      }
      return -1;
    }
  }

  private RawHttp() {}

  static Response get(String url) {
    URI uri = URI.create(url);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + uri.getRawPath()
                      + "?"
                      + uri.getRawQuery()
                      + " HTTP/1.1\r\nHost: "
                      + uri.getHost()
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(ISO_8859_1));
      byte[] all = readToEnd(socket.getInputStream());
      int split = indexOf(all, "\r\n\r\n".getBytes(ISO_8859_1));
      String head = new String(all, 0, split, ISO_8859_1);
      byte[] raw = Arrays.copyOfRange(all, split + 4, all.length);
      Response plain = new Response(head, raw, false);
      if (plain.chunked()) {
        return dechunk(head, raw);
      }
      return new Response(head, raw, raw.length == plain.contentLength());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response dechunk(String head, byte[] raw) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int eol = indexOf(Arrays.copyOfRange(raw, at, raw.length), "\r\n".getBytes(ISO_8859_1));
      if (eol < 0) {
        return new Response(head, body.toByteArray(), false);
      }
      int size = Integer.parseInt(new String(raw, at, eol, ISO_8859_1).trim(), 16);
      at += eol + 2;
      if (size == 0) {
        return new Response(head, body.toByteArray(), true);
      }
      int n = Math.min(size, raw.length - at);
      body.write(raw, at, n);
      at += n + 2;
      if (n < size || at > raw.length) {
        return new Response(head, body.toByteArray(), false);
      }
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (java.net.SocketException e) {
      // a reset after the server dropped the connection: what arrived is what counts
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
