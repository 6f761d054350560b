package dev.zuoraclient.callouts.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP server that speaks no TLS, for clients that expect it to: it accepts every
 * connection, counts it, keeps the first bytes the client sent on it, and then does what its {@link
 * Mode} says. Spoken to with {@code https://}, it shows what the client does when the TLS handshake
 * never ends, fails, or is cut off.
 */
public final class TcpServer implements AutoCloseable {
  /** What the server does with each connection. */
  public enum Mode {
    /** Reads what arrives and never answers (a TLS handshake never completes). */
    SILENT,
    /** Answers the first bytes with a plain HTTP/1.1 400, as an http server would. */
    PLAIN_HTTP,
    /** Closes the connection as soon as it is accepted. */
    CLOSE
  }

  private final ServerSocket socket;
  private final Mode mode;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<byte[]> firstBytes = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private TcpServer(Mode mode) throws IOException {
    this.mode = mode;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "tcp-server-" + mode);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server on a free loopback port. */
  public static TcpServer start(Mode mode) {
    try {
      return new TcpServer(mode);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return socket.getLocalPort();
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** The first bytes the client sent on each connection that sent any, in arrival order. */
  public List<byte[]> firstBytes() {
    return new ArrayList<>(firstBytes);
  }

  /** Whether any connection carried HTTP: a request line or a header. */
  public boolean receivedHttp() {
    return firstBytes.stream()
        .map(b -> new String(b, StandardCharsets.ISO_8859_1))
        .anyMatch(s -> s.contains("HTTP/1.1") || s.contains("POST ") || s.contains("Idempotency"));
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
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      if (mode == Mode.CLOSE) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closed anyway
        }
        continue;
      }
      open.add(s);
      Thread t = new Thread(() -> serve(s), "tcp-server-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s) {
    try {
      InputStream in = s.getInputStream();
      byte[] buffer = new byte[4096];
      int n = in.read(buffer);
      if (n > 0) {
        firstBytes.add(Arrays.copyOf(buffer, n));
      }
      if (mode == Mode.PLAIN_HTTP) {
        s.getOutputStream()
            .write(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      }
      while (in.read(buffer) >= 0) {
        // hold the connection until the client or close() ends it
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      open.remove(s);
      try {
        s.close();
      } catch (IOException ignored) {
        // closed anyway
      }
    }
  }
}
