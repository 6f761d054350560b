package dev.zuoraclient.callouts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A loopback HTTPS server with a self-signed certificate for 127.0.0.1 (made with the JDK's {@code
 * keytool} once per test run): it completes the TLS handshake, reads one request whole, counts it,
 * and then breaks the TLS stream by writing plain bytes past the encryption. A client that trusts
 * the certificate ({@link #trustingContext()}) has sent its request when the TLS error comes; one
 * that does not fails the handshake and sends nothing.
 */
public final class TlsServer implements AutoCloseable {
  private static final char[] PASSWORD = "test-only".toCharArray();
  private static KeyStore keyStore;

  private final ServerSocket socket;
  private final SSLContext context;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private TlsServer() throws IOException, GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore(), PASSWORD);
    context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "tls-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server on a free loopback port. */
  public static TlsServer start() {
    try {
      return new TlsServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code https://127.0.0.1:port}. */
  public String baseUrl() {
    return "https://127.0.0.1:" + socket.getLocalPort();
  }

  /** TLS settings for a client that trusts this server's certificate. */
  public static SSLContext trustingContext() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("server", keyStore().getCertificate("server"));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(null, trust.getTrustManagers(), null);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Requests that arrived whole, over TLS. */
  public int requests() {
    return requests.get();
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

  private static synchronized KeyStore keyStore() throws IOException, GeneralSecurityException {
    if (keyStore == null) {
      Path dir = Files.createTempDirectory("tls-server");
      Path file = dir.resolve("server.p12");
      Process keytool =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "server",
                  "-keyalg",
                  "EC",
                  "-dname",
                  "CN=127.0.0.1",
                  "-ext",
                  "SAN=ip:127.0.0.1",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  file.toString(),
                  "-storepass",
                  new String(PASSWORD))
              .redirectErrorStream(true)
              .start();
      try {
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
          throw new IllegalStateException("keytool failed: " + output);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        ks.load(in, PASSWORD);
      }
      Files.delete(file);
      Files.delete(dir);
      keyStore = ks;
    }
    return keyStore;
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      Socket plain;
      try {
        plain = socket.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      open.add(plain);
      Thread t = new Thread(() -> serve(plain), "tls-server-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket plain) {
    try (plain) {
      SSLSocket tls =
          (SSLSocket)
              context.getSocketFactory().createSocket(plain, null, plain.getLocalPort(), false);
      tls.setUseClientMode(false);
      tls.startHandshake();
      if (readRequest(tls.getInputStream())) {
        requests.incrementAndGet();
        // past the encryption: the client's TLS layer cannot read this
        plain
            .getOutputStream()
            .write("HTTP/1.1 202 Accepted\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        plain.getOutputStream().flush();
      }
      while (plain.getInputStream().read() >= 0) {
        // hold the connection until the client or close() ends it
      }
    } catch (IOException e) {
      // the client went away, or failed the handshake
    } finally {
      open.remove(plain);
    }
  }

  /** Reads one request's head and its {@code Content-Length} body; false when it was cut off. */
  private static boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return in.readNBytes(length).length == length;
  }
}
