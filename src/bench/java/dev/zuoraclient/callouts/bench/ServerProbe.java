package dev.zuoraclient.callouts.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Reads and resets the loopback server's counters, and its process's CPU time. */
final class ServerProbe {
  /** Requests served and distinct client connections seen since the last reset. */
  record Stats(long requests, int connections) {}

  private final ChildJvm server;
  private final URI stats;

  ServerProbe(ChildJvm server, URI base) {
    this.server = server;
    this.stats = base.resolve("/stats");
  }

  Stats reset() {
    try {
      HttpURLConnection c = (HttpURLConnection) stats.toURL().openConnection();
      String answer;
      try (InputStream in = c.getInputStream()) {
        answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      }
      long requests = 0;
      int connections = 0;
      for (String pair : answer.split(" ")) {
        String[] kv = pair.split("=");
        if (kv[0].equals("requests")) {
          requests = Long.parseLong(kv[1]);
        } else if (kv[0].equals("connections")) {
          connections = Integer.parseInt(kv[1]);
        }
      }
      return new Stats(requests, connections);
    } catch (IOException e) {
      throw new UncheckedIOException("the loopback server did not answer", e);
    }
  }

  long cpuNanos() {
    return server.cpuTime().toNanos();
  }
}
