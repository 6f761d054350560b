package dev.zuoraclient.callouts.bench;

import static dev.zuoraclient.callouts.bench.BenchmarkSuite.num;
import static dev.zuoraclient.callouts.bench.BenchmarkSuite.ratio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 5: a bulk job against the tenant's limits. {@code resendAll} of 1,000,000 IDs against a
 * simulator that caps the requests in flight (with other traffic holding some of the slots), takes
 * a fixed time per request and may meter a quota; the wall time is set against the shortest
 * possible one, {@code (IDs / 1000) / min(C' / L, Q)}.
 */
final class CapacitySection {
  private static final int IDS = 1_000_000;
  private static final int CAP = 10;
  private static final long LATENCY_MS = 100;
  private static final List<String> CHILD_JVM_ARGS = List.of("-Xms2g", "-Xmx2g");

  /** One tenant: other traffic, and a quota of {@code quota} requests per {@code windowMs}. */
  record Tenant(String name, int other, int quota, long windowMs) {
    double boundRequestsPerSecond() {
      double capacity = (CAP - other) * 1000.0 / LATENCY_MS;
      return quota == 0 ? capacity : Math.min(capacity, quota * 1000.0 / windowMs);
    }
  }

  /** One run's numbers. */
  record Run(
      double wallMs, int requests, int refused, int unresolved, int peak, long resentTwice) {}

  private static final List<Tenant> TENANTS =
      List.of(
          new Tenant("cap 10, nothing else running", 0, 0, 0),
          new Tenant("cap 10, other traffic holding 3 slots", 3, 0, 0),
          new Tenant("cap 10, quota of 80 requests per second", 0, 80, 1000));

  /** The client's settings: adaptive up to 40, and fixed at 1, at the cap and at 40. */
  private static final List<String[]> CLIENTS =
      List.of(
          new String[] {"adaptive", "40"},
          new String[] {"fixed", "1"},
          new String[] {"fixed", String.valueOf(CAP)},
          new String[] {"fixed", "40"});

  private final BenchmarkSuite suite;
  private final Map<String, Run> runs = new LinkedHashMap<>();

  CapacitySection(BenchmarkSuite suite) {
    this.suite = suite;
  }

  String run() {
    Path log = suite.work().resolve("capacity.log");
    for (Tenant t : TENANTS) {
      for (String[] c : CLIENTS) {
        System.out.printf(Locale.ROOT, "[bench] bulk job: %s, %s %s%n", t.name(), c[0], c[1]);
        runs.put(key(t, c), child(log, t, c));
      }
    }
    return markdown();
  }

  private static String key(Tenant t, String[] c) {
    return t.name() + "/" + c[0] + "/" + c[1];
  }

  private static Run child(Path log, Tenant t, String[] c) {
    String[] args = {
      String.valueOf(CAP),
      String.valueOf(t.other()),
      String.valueOf(LATENCY_MS),
      String.valueOf(t.quota()),
      String.valueOf(Math.max(10, t.windowMs())),
      c[0],
      c[1],
      String.valueOf(IDS)
    };
    try (ChildJvm jvm = ChildJvm.start(log, CHILD_JVM_ARGS, CapacityCase.class, args)) {
      Map<String, String> v = new LinkedHashMap<>();
      for (String[] kv : jvm.finish(Duration.ofMinutes(5))) {
        v.put(kv[0], kv[1]);
      }
      return new Run(
          Double.parseDouble(v.get("wall_ms")),
          Integer.parseInt(v.get("requests")),
          Integer.parseInt(v.get("refused")),
          Integer.parseInt(v.get("unresolved")),
          Integer.parseInt(v.get("peak")),
          Long.parseLong(v.get("resent_twice")));
    }
  }

  private String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("## 5. A bulk job against the tenant's limits\n\n")
        .append("`resendAll` of ")
        .append(String.format(Locale.ROOT, "%,d", IDS))
        .append(" IDs in batches of 1000 (1000 requests) against the simulator, in one fresh JVM ")
        .append("per run (`")
        .append(String.join(" ", CHILD_JVM_ARGS))
        .append("`). The simulator caps the requests in flight at C = ")
        .append(CAP)
        .append(" (Zuora's default is 40; scaled down with everything else so that a run takes ")
        .append("seconds), answering 429 beyond it with `Retry-After` of one request's time; each ")
        .append("admitted request takes L = ")
        .append(LATENCY_MS)
        .append(" ms; other traffic holds some slots (C' = C less those); a quota, where set, ")
        .append("allows Q requests per window (Zuora's window is a minute; here a second). The ")
        .append("bound is the shortest possible wall time, (IDs / 1000) / min(C' / L, Q per ")
        .append("second). Target for the adaptive client: bound / wall time at least 0.9x, no ")
        .append("unresolved ID, 429s under 5% of requests. The fixed rows are the same client ")
        .append("with adaptation off (`adaptiveConcurrency(false)`), for comparison.\n\n")
        .append(
            "| tenant | client | wall time | bound | bound / wall | requests | 429s | 429 share ")
        .append("| unresolved | peak in flight | resent twice | |\n")
        .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
    List<String> adaptiveRatios = new ArrayList<>();
    for (Tenant t : TENANTS) {
      double boundMs = (IDS / 1000.0) / t.boundRequestsPerSecond() * 1000;
      for (String[] c : CLIENTS) {
        Run r = runs.get(key(t, c));
        double ratio = boundMs / r.wallMs();
        double share = r.refused() / (double) Math.max(1, r.requests());
        boolean adaptive = c[0].equals("adaptive");
        boolean met = ratio >= 0.9 && r.unresolved() == 0 && share < 0.05;
        if (adaptive) {
          adaptiveRatios.add(ratio(ratio));
        }
        md.append("| ")
            .append(t.name())
            .append(" | ")
            .append(adaptive ? "**adaptive, up to " + c[1] + "**" : "fixed at " + c[1])
            .append(" | ")
            .append(num(r.wallMs() / 1000, 2))
            .append(" s | ")
            .append(num(boundMs / 1000, 2))
            .append(" s | **")
            .append(ratio(ratio))
            .append("** | ")
            .append(r.requests())
            .append(" | ")
            .append(r.refused())
            .append(" | ")
            .append(num(share * 100, 1))
            .append("% | ")
            .append(r.unresolved())
            .append(" | ")
            .append(r.peak())
            .append(" | ")
            .append(r.resentTwice())
            .append(" | ")
            .append(adaptive ? (met ? "met" : "**missed**") : "")
            .append(" |\n");
      }
    }
    md.append('\n');
    suite.headline(
        "A bulk job of 1,000,000 IDs against a tenant capped at "
            + CAP
            + " requests in flight reaches "
            + String.join(", ", adaptiveRatios)
            + " of the shortest possible time (free tenant, other traffic, quota; section 5).");
    return md.toString();
  }
}
