package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The Zuora simulator in its own JVM, for the batch benchmarks: the first {@code args[0]} IDs of
 * {@link Payloads#id} are known except every hundredth, which fails with {@code ObjectNotFound}. It
 * prints {@code url=...} once listening and stops when its standard input closes.
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    List<String> known = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (i % 100 != 0) {
        known.add(Payloads.id(i));
      }
    }
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(Payloads.TOKEN)
            .knownIds(known)
            .rateLimitPerMinute(1_000_000)
            .maxRecordedRequests(0)
            .start()) {
      System.out.println("url=" + zuora.baseUri());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() != -1) {
        // runs until the harness closes our stdin, or exits
      }
    }
  }
}
