package dev.zuoraclient.callouts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP/1.1 server that misbehaves at the socket level, written without any HTTP library:
 * each request gets the next scripted {@link Answer} (the last one repeats), which writes raw bytes
 * and may drip, stall, cut or close. It records what arrived and counts connections, so tests can
 * check what the client really sent. Keep-alive is served unless an answer closes.
 */
public final class HostileServer implements AutoCloseable {
  /** What the server does with one request; it may write anything, or nothing. */
  @FunctionalInterface
  public interface Answer {
    /**
     * @param request what arrived
     * @param out the raw connection
     * @return true to keep the connection open for another request
     */
    boolean write(Received request, OutputStream out) throws IOException, InterruptedException;
  }

  /**
   * A request as it arrived.
   *
   * @param path the request target
   * @param headers lower-case names, last value wins
   * @param body the raw body bytes
   * @param connection which connection it came on, from 1
   */
  public record Received(String path, Map<String, String> headers, byte[] body, int connection) {
    /** The body as UTF-8 text. */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final ServerSocket socket;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;
  private volatile List<Answer> script = List.of();
  private final AtomicInteger next = new AtomicInteger();

  private HostileServer() throws IOException {
    socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "hostile-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server on a free loopback port. */
  public static HostileServer start() {
    try {
      return new HostileServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers requests with these in turn, the last one for every request after. */
  public HostileServer answering(Answer... answers) {
    script = List.of(answers);
    next.set(0);
    return this;
  }

  /** {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Every request that arrived whole, in order. */
  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** Requests to {@code path} that arrived whole. */
  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        int n = connections.incrementAndGet();
        open.add(s);
        Thread t = new Thread(() -> serve(s, n), "hostile-conn-" + n);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s, int connection) {
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        Received r = read(in, connection);
        if (r == null) {
          return;
        }
        received.add(r);
        List<Answer> answers = script;
        int i = next.getAndIncrement();
        Answer a = answers.get(Math.min(i, answers.size() - 1));
        if (!a.write(r, out)) {
          return;
        }
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client went away, or the test ended
    } finally {
      open.remove(s);
    }
  }

  private static Received read(InputStream in, int connection) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String path = lines[0].split(" ")[1];
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      return null;
    }
    return new Received(path, headers, body, connection);
  }

  // ---- answers ----

  /** A complete answer with a correct {@code Content-Length}. */
  public static Answer status(int status, String body, String... headerLines) {
    return (r, out) -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(head(status, headerLines, "Content-Length: " + bytes.length));
      out.write(bytes);
      return true;
    };
  }

  /** Raw bytes as they are, then the connection closes. */
  public static Answer raw(String bytes) {
    return (r, out) -> {
      out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return false;
    };
  }

  /** A head announcing {@code announced} bytes, then only {@code body}, then a close. */
  public static Answer cutBody(int status, int announced, String body) {
    return (r, out) -> {
      out.write(head(status, new String[0], "Content-Length: " + announced));
      out.write(body.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return false;
    };
  }

  /** A chunked answer whose chunks stop in the middle, then a close. */
  public static Answer cutChunked(int status, String partial) {
    return (r, out) -> {
      out.write(head(status, new String[0], "Transfer-Encoding: chunked"));
      byte[] bytes = partial.getBytes(StandardCharsets.UTF_8);
      out.write(
          (Integer.toHexString(bytes.length + 100) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      return false;
    };
  }

  /** An interim answer ({@code 1xx}) before {@code then}. */
  public static Answer interim(int status, Answer then) {
    return (r, out) -> {
      out.write(
          ("HTTP/1.1 " + status + " Interim\r\nLink: </x>; rel=preload\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(50);
      return then.write(r, out);
    };
  }

  /** A complete head, then the body one byte every {@code pauseMillis}. */
  public static Answer drip(int status, String body, long pauseMillis) {
    return (r, out) -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(head(status, new String[0], "Content-Length: " + bytes.length));
      out.flush();
      for (byte b : bytes) {
        Thread.sleep(pauseMillis);
        out.write(b);
        out.flush();
      }
      return true;
    };
  }

  /** The status line and headers one byte every {@code pauseMillis}, then nothing. */
  public static Answer dripHead(long pauseMillis) {
    return (r, out) -> {
      byte[] head = "HTTP/1.1 202 Accepted\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
      for (byte b : head) {
        out.write(b);
        out.flush();
        Thread.sleep(pauseMillis);
      }
      while (true) {
        out.write('a');
        out.flush();
        Thread.sleep(pauseMillis);
      }
    };
  }

  /** An answer whose body is {@code size} bytes of JSON-ish filler. */
  public static Answer large(int status, int size, boolean chunked, String... headerLines) {
    return (r, out) -> {
      byte[] filler = new byte[size];
      java.util.Arrays.fill(filler, (byte) ' ');
      filler[0] = '{';
      filler[size - 1] = '}';
      if (chunked) {
        out.write(head(status, headerLines, "Transfer-Encoding: chunked"));
        for (int off = 0; off < size; off += 8192) {
          int n = Math.min(8192, size - off);
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(filler, off, n);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        out.write(head(status, headerLines, "Content-Length: " + size));
        out.write(filler);
      }
      return true;
    };
  }

  /** A token answer from {@code /oauth/token} with this token and {@code expires_in} as written. */
  public static Answer token(String accessToken, String expiresIn) {
    return status(
        200,
        "{\"access_token\":\""
            + accessToken
            + "\",\"token_type\":\"bearer\",\"expires_in\":"
            + expiresIn
            + "}");
  }

  /** {@code tokens} for requests to {@code /oauth/token}, {@code resends} for the others. */
  public static Answer routing(Answer tokens, Answer resends) {
    return (r, out) -> (r.path().equals("/oauth/token") ? tokens : resends).write(r, out);
  }

  /** Reads the request, then closes the connection without a byte. */
  public static Answer dropAfterRequest() {
    return (r, out) -> false;
  }

  private static byte[] head(int status, String[] headerLines, String framing) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
    for (String h : headerLines) {
      sb.append(h).append("\r\n");
    }
    sb.append(framing).append("\r\n\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
