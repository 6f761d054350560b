package dev.zuoraclient.callouts.bench;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The Zuora simulator in its own JVM, for the finder benchmark: {@code args[0]} generated failed
 * callouts in {@link FinderCase#FROM}..{@link FinderCase#TO}, made up as a job reads them (never
 * stored). Prints {@code url=...} once listening and stops when its standard input closes.
 */
public final class FinderSimulatorMain {
  private FinderSimulatorMain() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(Payloads.TOKEN)
            .generatedFailures(n, FinderCase.FROM, FinderCase.TO)
            .queryJobDelay(Duration.ofMillis(100))
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
