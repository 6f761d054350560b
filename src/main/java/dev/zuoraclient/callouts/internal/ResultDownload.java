package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.history.FailedCallout;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.FindSummary;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Reads a query's result file from its pre-signed URL, whole and checked, into a {@link FoundFile}.
 *
 * <ul>
 *   <li>The request carries no {@code Authorization} and no Zuora header: the URL is its own
 *       credential, and a storage host refuses a request with both.
 *   <li>A redirect is followed only to the same scheme, host and port, at most {@value
 *       SignedUrlFetch#MAX_REDIRECTS} times; plain {@code http} only to a loopback host.
 *   <li>Bounded: at most {@code maxBytes} read, before and after inflating, and all of it by the
 *       find's deadline.
 *   <li>A gzipped file (by its magic bytes) is inflated; its trailer proves it whole.
 *   <li>A cut or malformed file fails, never becomes fewer rows: every row must be a JSON object
 *       the query could have written, and the row count must equal the job's {@code outputRows}.
 *   <li>A row whose ID breaks the ID rules is counted and shown, not kept; a repeated ID counts
 *       once; a superseded failure is left out unless the query keeps them.
 * </ul>
 */
final class ResultDownload {

  /** Why a download gave no result; the message says it in a few words. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final HttpClientHandle http;
  private final SignedUrlFetch fetch;
  private final long maxBytes;
  private final ObjectMapper mapper =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * @param http the client to download with, held while a file is read
   */
  ResultDownload(HttpClientHandle http, Duration readTimeout, String userAgent, long maxBytes) {
    this.http = http;
    this.fetch = new SignedUrlFetch(readTimeout, userAgent);
    this.maxBytes = maxBytes;
  }

  /**
   * The checked result of {@code dataFile}, by {@code deadlineNanos} ({@link System#nanoTime()}).
   *
   * @param expectedRows the job's {@code outputRows}, or -1 when it gave none
   */
  FoundFile fetch(
      FailedCalloutQuery query,
      String jobId,
      String dataFile,
      long expectedRows,
      long deadlineNanos)
      throws Failure, InterruptedException {
    SignedUrlFetch.checkedUri(dataFile); // refused before a temporary file is made
    Path file;
    try {
      file = FoundFile.createFile();
    } catch (IOException e) {
      throw new Failure("could not create a temporary file for the result: " + e.getMessage(), e);
    }
    boolean kept = false;
    try {
      long budget = deadlineNanos - System.nanoTime();
      if (budget <= 0) {
        throw new Failure("no time was left to download the result file", null);
      }
      AttemptWatchdog.Attempt watchdog = AttemptWatchdog.start(budget);
      FindSummary summary;
      try {
        summary = read(query, jobId, dataFile, expectedRows, file);
      } catch (IOException e) {
        if (!watchdog.disarm()) {
          throw new Failure(
              "the result file was not read whole within the find's timeout ("
                  + TimeUnit.NANOSECONDS.toSeconds(budget)
                  + " s left for it)",
              e);
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("interrupted while reading the result file");
        }
        throw new Failure("the result file could not be read whole: " + describe(e), e);
      } catch (InterruptedException e) {
        if (!watchdog.disarm()) {
          throw new Failure("the result file was not read whole within the find's timeout", e);
        }
        throw e;
      }
      if (!watchdog.disarm()) {
        // read whole just as the budget ran out: the result stands
        Thread.interrupted();
      }
      kept = true;
      return new FoundFile(query, summary, file);
    } finally {
      if (!kept) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // deleteOnExit still has it
        }
      }
    }
  }

  private FindSummary read(
      FailedCalloutQuery query, String jobId, String dataFile, long expectedRows, Path file)
      throws IOException, InterruptedException, Failure {
    HttpClient client = http.acquire();
    try {
      return read(client, query, jobId, dataFile, expectedRows, file);
    } finally {
      http.release();
    }
  }

  private FindSummary read(
      HttpClient client,
      FailedCalloutQuery query,
      String jobId,
      String dataFile,
      long expectedRows,
      Path file)
      throws IOException, InterruptedException, Failure {
    HttpResponse<InputStream> response = fetch.get(client, dataFile);
    try (InputStream body = response.body();
        FoundFile.Writer out = new FoundFile.Writer(file)) {
      InputStream raw = new Bounded(body, maxBytes, "the result file");
      BufferedInputStream peek = new BufferedInputStream(raw, 1 << 16);
      peek.mark(2);
      int b1 = peek.read();
      int b2 = peek.read();
      peek.reset();
      InputStream text =
          b1 == 0x1f && b2 == 0x8b
              ? new Bounded(new GZIPInputStream(peek, 1 << 16), maxBytes, "the inflated file")
              : peek;
      return rows(query, jobId, text, expectedRows, out);
    }
  }

  private FindSummary rows(
      FailedCalloutQuery query,
      String jobId,
      InputStream text,
      long expectedRows,
      FoundFile.Writer out)
      throws IOException, Failure {
    long rows = 0;
    long found = 0;
    long superseded = 0;
    long duplicates = 0;
    long invalid = 0;
    List<FindSummary.InvalidRow> shown = new ArrayList<>();
    SortedMap<Integer, Long> byCode = new TreeMap<>();
    SortedMap<String, Long> byCategory = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode row = it.nextValue();
        rows++;
        if (row == null || !row.isObject()) {
          throw new Failure("row " + rows + " of the result file is not a JSON object", null);
        }
        String id = ResultRows.id(row, rows);
        FailedCallout callout = ResultRows.callout(row, rows, id);
        String problem = IdRules.problem(id);
        if (problem != null) {
          invalid++;
          if (shown.size() < FindSummary.MAX_INVALID_SHOWN) {
            shown.add(new FindSummary.InvalidRow(rows, id, "the ID " + problem));
          }
        } else if (!seen.add(id)) {
          duplicates++;
        } else if (callout.superseded() && !query.includeSuperseded()) {
          superseded++;
        } else {
          found++;
          out.write(callout);
          byCode.merge(callout.responseCode(), 1L, Long::sum);
          byCategory.merge(callout.eventCategory().orElse(""), 1L, Long::sum);
        }
      }
    } catch (ResultRows.Malformed e) {
      throw new Failure("the result file is malformed: " + e.getMessage(), null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Failure(
          "the result file is cut short or malformed after row "
              + rows
              + ": "
              + e.getOriginalMessage(),
          null);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        throw io; // MappingIterator wraps I/O failures
      }
      throw e;
    }
    if (expectedRows >= 0 && rows != expectedRows) {
      throw new Failure(
          "the result file holds " + rows + " rows; the job said " + expectedRows, null);
    }
    return new FindSummary(
        jobId, rows, found, superseded, duplicates, invalid, shown, byCode, byCategory);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.io.EOFException) {
      return "it was cut short ("
          + (m == null ? "end of data" : shorten(SafeText.printable(m), 200))
          + ")";
    }
    return e.getClass().getSimpleName()
        + (m == null ? "" : ": " + shorten(SafeText.printable(m), 200));
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  /** Fails a read past {@code max} bytes. */
  private static final class Bounded extends FilterInputStream {
    private final long max;
    private final String what;
    private long read;

    Bounded(InputStream in, long max, String what) {
      super(in);
      this.max = max;
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) throws IOException {
      read += n;
      if (read > max) {
        throw new IOException(what + " is larger than " + max + " bytes");
      }
    }
  }
}
