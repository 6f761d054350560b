package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.BatchEventListener;
import dev.zuoraclient.callouts.BatchProgress;
import dev.zuoraclient.callouts.internal.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What a run is doing, on stderr while it runs, so that stdout holds only the report.
 *
 * <ul>
 *   <li>On a terminal ({@link Mode#LIVE}): one {@link StatusLine}, redrawn at every event and every
 *       second: elapsed time, batches done of all, accepted / failed / unresolved, the rate and the
 *       time left, the requests in flight, the 429s so far and the wait under way.
 *   <li>Elsewhere ({@link Mode#LINES}, a log file or CI): one line per batch sent (when there are
 *       several), per 429 and per quota pause, and a heartbeat line after {@link #HEARTBEAT}
 *       without one, so that a hung request is never silence.
 *   <li>{@link Mode#QUIET}: nothing.
 * </ul>
 *
 * A batch never sent (the run stopped first) is never called done: the report says why.
 */
final class RunStatus implements BatchEventListener, AutoCloseable {
  /** How the status is shown. */
  enum Mode {
    LIVE,
    LINES,
    QUIET
  }

  /** Off a terminal, the longest silence while a run is under way. */
  static final Duration HEARTBEAT = Duration.ofSeconds(30);

  private final Mode mode;
  private final PrintStream err;
  private final StatusLine line;
  private final LongSupplier nanoTime;
  private int ids;
  private int batches;
  private final Map<Integer, Long> inFlight = new HashMap<>();
  private ScheduledExecutorService ticker;
  private BatchProgress totals;
  private long started;
  private long firstSent = -1;
  private int idsAtFirstSent;
  private long lastPrinted;
  private long waitUntil;
  private long pausedUntil;
  private String waitWhy;
  private int rateLimited;
  private String announcement;
  private String journal;

  /**
   * @param mode how to show it
   * @param err stderr
   * @param line the status line, for {@link Mode#LIVE}
   */
  RunStatus(Mode mode, PrintStream err, StatusLine line) {
    this(mode, err, line, System::nanoTime);
  }

  RunStatus(Mode mode, PrintStream err, StatusLine line, LongSupplier nanoTime) {
    if (mode == Mode.LIVE && line == null) {
      throw new IllegalArgumentException("a live status needs a status line");
    }
    this.mode = mode;
    this.err = err;
    this.line = line;
    this.nanoTime = nanoTime;
    this.totals = new BatchProgress(0, 0, 0, 0, 0);
  }

  /**
   * The run starts: the clock runs, and a ticker redraws the line (or checks the silence).
   *
   * @param ids the run's unique IDs
   * @param batches the run's batches
   * @param announcement what the run does and where ({@code Resending N ... to URL}), printed once
   *     the journal has been read (a journal the run refuses prints none), with what it resumes
   * @param journal the journal's name, or null
   */
  synchronized void start(int ids, int batches, String announcement, String journal) {
    this.ids = ids;
    this.batches = batches;
    this.announcement = announcement;
    this.journal = journal;
    this.totals = new BatchProgress(0, batches, 0, 0, 0);
    started = nanoTime.getAsLong();
    lastPrinted = started;
    if (mode == Mode.QUIET) {
      return;
    }
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "zuora-resend-status");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    redraw();
  }

  /** The run has ended: the ticker stops and the line is taken down, before the report. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
    if (line != null) {
      line.clear();
    }
  }

  @Override
  public synchronized void batchSending(int batch, int size) {
    long now = nanoTime.getAsLong();
    announce();
    if (firstSent < 0) {
      firstSent = now;
      idsAtFirstSent = settledIds(totals);
    }
    inFlight.put(batch, now);
    if (waitUntil - now <= 0) {
      waitWhy = null;
    }
    redraw();
  }

  @Override
  public synchronized void rateLimited(int batch, Duration wait) {
    inFlight.remove(batch);
    rateLimited++;
    startWait(wait, "rate limited (429)");
    if (mode == Mode.LINES) {
      print(
          "batch "
              + batch
              + " rate limited (429): sent again in "
              + Durations.seconds(wait)
              + " ("
              + rateLimited
              + (rateLimited == 1 ? " 429" : " 429s")
              + " so far)");
    }
    redraw();
  }

  @Override
  public synchronized void paused(Duration wait) {
    startWait(wait, "quota spent");
    long until = nanoTime.getAsLong() + wait.toNanos();
    if (until - pausedUntil > 0) {
      pausedUntil = until;
    }
    if (mode == Mode.LINES) {
      print("Zuora's request quota is spent: no batch starts for " + Durations.seconds(wait) + ".");
    }
    redraw();
  }

  @Override
  public synchronized void batchEnded(int batch, BatchProgress now) {
    boolean sent = now.batchesSent() > totals.batchesSent();
    totals = now;
    if (now.batchesResumed() < now.batchesDone() || now.batchesDone() == now.batchesTotal()) {
      // resumed batches come first, all at once: the note says how many there were
      announce();
    }
    inFlight.remove(batch);
    if (mode == Mode.LINES && sent && batches > 1) {
      print(
          String.format(
              Locale.ROOT,
              "batch %d/%d done: %d accepted, %d failed, %d unresolved",
              now.batchesDone(),
              now.batchesTotal(),
              now.accepted(),
              now.failed(),
              now.unresolved()));
    }
    redraw();
  }

  /**
   * The note on what the run does, once: after the batches the journal holds are read back, before
   * the first request leaves.
   */
  private void announce() {
    if (announcement == null) {
      return;
    }
    String note = announcement;
    announcement = null;
    if (totals.batchesResumed() > 0) {
      note +=
          ", resuming the run in "
              + journal
              + ": "
              + totals.batchesResumed()
              + " of "
              + batches
              + " batches resolved by an earlier run are not sent again";
    }
    if (mode != Mode.QUIET) {
      print(note + ".");
    }
  }

  /** Each second: the live line's clocks move on; off a terminal, a heartbeat after silence. */
  synchronized void tick() {
    long now = nanoTime.getAsLong();
    if (mode == Mode.LINES && now - lastPrinted >= HEARTBEAT.toNanos()) {
      print("still running, " + elapsed(now) + ": " + summary(now));
    }
    redraw();
  }

  /** The live line's text now: for tests, and for the ticker. */
  synchronized String text() {
    long now = nanoTime.getAsLong();
    return elapsed(now) + "  " + summary(now);
  }

  private void redraw() {
    if (mode == Mode.LIVE && ticker != null) {
      line.show(text());
    }
  }

  private void startWait(Duration wait, String why) {
    long until = nanoTime.getAsLong() + wait.toNanos();
    if (waitWhy == null || until - waitUntil > 0) {
      waitUntil = until;
      waitWhy = why;
    }
  }

  private String summary(long now) {
    StringBuilder s = new StringBuilder();
    s.append(totals.batchesDone()).append('/').append(batches).append(" batches: ");
    s.append(totals.accepted()).append(" accepted, ");
    s.append(totals.failed()).append(" failed, ");
    s.append(totals.unresolved()).append(" unresolved");
    double rate = rate(now);
    if (rate > 0) {
      s.append(String.format(Locale.ROOT, "; %.0f IDs/s", rate));
      long left = ids - settledIds(totals);
      if (left > 0) {
        // a spent quota holds every batch back: its wait adds to what the rate says
        long paused = Math.max(0, (pausedUntil - now) / 1_000_000_000L);
        s.append(", about ").append(clock((long) Math.ceil(left / rate) + paused)).append(" left");
      }
    }
    if (!inFlight.isEmpty()) {
      long oldest = inFlight.values().stream().mapToLong(Long::longValue).min().orElse(now);
      s.append("; ").append(inFlight.size()).append(" in flight");
      long waited = (now - oldest) / 1_000_000_000L;
      if (waited >= 10) {
        s.append(" (the oldest for ").append(clock(waited)).append(')');
      }
    }
    if (rateLimited > 0) {
      s.append("; ").append(rateLimited).append(rateLimited == 1 ? " 429" : " 429s");
    }
    if (waitWhy != null && waitUntil - now > 0) {
      long seconds = (waitUntil - now + 999_999_999L) / 1_000_000_000L;
      s.append("; waiting ").append(seconds).append(" s: ").append(waitWhy);
    }
    return s.toString();
  }

  /** IDs per second settled by batches this run sent, since the first left. */
  private double rate(long now) {
    if (firstSent < 0 || totals.batchesSent() == 0) {
      return 0;
    }
    double seconds = (now - firstSent) / 1e9;
    return seconds <= 0 ? 0 : (settledIds(totals) - idsAtFirstSent) / seconds;
  }

  private static int settledIds(BatchProgress p) {
    return p.accepted() + p.failed() + p.unresolved();
  }

  private String elapsed(long now) {
    return clock((now - started) / 1_000_000_000L);
  }

  /** {@code 0:07}, {@code 12:30}, {@code 1:02:03}. */
  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  private void print(String text) {
    err.println(text);
    err.flush();
    lastPrinted = nanoTime.getAsLong();
  }
}
