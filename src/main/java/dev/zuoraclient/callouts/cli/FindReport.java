package dev.zuoraclient.callouts.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.zuoraclient.callouts.history.FailedCallout;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.FailedCallouts;
import dev.zuoraclient.callouts.history.FindSummary;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What {@code failed} prints on stdout: a table (a summary, the callouts, the breakdowns), one JSON
 * document, or the IDs alone, one per line, ready for {@code resend --ids-file -}. Every line is
 * streamed from the result: a million callouts are never held.
 */
final class FindReport {
  /** How {@code failed} prints. */
  enum Format {
    TABLE,
    JSON,
    IDS;

    static Format parse(String name) {
      for (Format f : values()) {
        if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
          return f;
        }
      }
      throw new IllegalArgumentException(
          "must be 'table', 'json' or 'ids' (got '" + SafeText.printable(name) + "')");
    }
  }

  private FindReport() {}

  /** The first line of the table, and of stderr's closing note: what was found, where. */
  static String headline(FindSummary s, FailedCalloutQuery q) {
    return "Found "
        + plural(s.found(), "failed callout")
        + " to resend, created from "
        + InstantArg.show(q.from())
        + " to "
        + InstantArg.show(q.to())
        + (s.jobId().isEmpty() ? "" : " (query job " + s.jobId() + ")")
        + ".";
  }

  /** What was left out, or "" when nothing was. */
  static String leftOut(FindSummary s, FailedCalloutQuery q) {
    StringJoiner parts = new StringJoiner(", ", "Left out: ", ".").setEmptyValue("");
    if (s.superseded() > 0) {
      parts.add(
          plural(s.superseded(), "superseded failure")
              + " (a later callout of the same notification and object succeeded;"
              + " --include-superseded keeps them)");
    }
    if (s.duplicates() > 0) {
      parts.add(plural(s.duplicates(), "repeated row"));
    }
    if (s.invalid() > 0) {
      parts.add(plural(s.invalid(), "row") + " whose ID cannot be resent");
    }
    return parts.toString();
  }

  static void print(
      Format format,
      FailedCallouts found,
      String server,
      PrintStream out,
      RowLimit rows,
      boolean dryRun) {
    switch (format) {
      case IDS -> {
        for (String id : found.ids()) {
          out.println(id);
        }
      }
      case JSON -> json(found, server, out, dryRun);
      default -> {
        table(found, server, out, rows);
        if (dryRun) {
          out.println();
          out.println("Dry run: nothing was resent.");
        }
      }
    }
    out.flush();
  }

  private static void table(FailedCallouts found, String server, PrintStream out, RowLimit limit) {
    FindSummary s = found.summary();
    out.println(headline(s, found.query()));
    String left = leftOut(s, found.query());
    if (!left.isEmpty()) {
      out.println(left);
    }
    out.println("Server: " + server);
    if (s.found() > 0) {
      out.println();
      boolean cut = limit.cuts((int) Math.min(Integer.MAX_VALUE, s.found()));
      out.println(
          String.format(
              "  %-34s  %-24s  %5s  %-24s  %s",
              "ID", "CREATED", "CODE", "EVENT CATEGORY", "OBJECT"));
      int shown = 0;
      for (Iterator<FailedCallout> it = found.iterator(); it.hasNext(); ) {
        if (cut && shown == RowLimit.ON_A_TERMINAL) {
          break;
        }
        FailedCallout c = it.next();
        out.println(
            String.format(
                "  %-34s  %-24s  %5d  %-24s  %s",
                c.id(),
                c.createTime(),
                c.responseCode(),
                SafeText.printable(c.eventCategory().orElse("-")),
                SafeText.printable(c.objectId().orElse("-"))));
        shown++;
      }
      if (cut) {
        out.println(
            "  ... and "
                + (s.found() - shown)
                + " more: --output ids lists every ID, --all-rows shows every row");
      }
      out.println();
      out.println("By response code: " + counts(s.foundByResponseCode()));
      out.println("By event category: " + counts(s.foundByEventCategory()));
    }
    if (!s.invalidRows().isEmpty()) {
      out.println();
      out.println("Rows whose ID cannot be resent (row: ID: why):");
      for (FindSummary.InvalidRow r : s.invalidRows()) {
        out.println(
            "  "
                + r.row()
                + ": "
                + SafeText.printable(r.id())
                + ": "
                + SafeText.printable(r.problem()));
      }
      if (s.invalid() > s.invalidRows().size()) {
        out.println("  ... and " + (s.invalid() - s.invalidRows().size()) + " more");
      }
    }
  }

  private static String counts(Map<?, Long> counts) {
    StringJoiner j = new StringJoiner(", ");
    counts.forEach(
        (k, n) ->
            j.add(
                (k.toString().isEmpty() ? "(none)" : SafeText.printable(k.toString())) + ": " + n));
    return j.toString();
  }

  private static void json(FailedCallouts found, String server, PrintStream out, boolean dryRun) {
    FindSummary s = found.summary();
    FailedCalloutQuery q = found.query();
    try (JsonGenerator g = JsonReport.generator(new NonClosing(out))) {
      g.writeStartObject();
      g.writeStringField("server", server);
      g.writeBooleanField("dryRun", dryRun);
      g.writeObjectFieldStart("query");
      g.writeStringField("from", q.from().toString());
      g.writeStringField("to", q.to().toString());
      strings(g, "eventCategories", q.eventCategories());
      strings(g, "notificationIds", q.notificationIds());
      strings(g, "objectIds", q.objectIds());
      strings(g, "accountIds", q.accountIds());
      g.writeArrayFieldStart("responseCodes");
      for (int code : q.responseCodes()) {
        g.writeNumber(code);
      }
      g.writeEndArray();
      g.writeBooleanField("includeSuperseded", q.includeSuperseded());
      g.writeEndObject();
      g.writeStringField("jobId", s.jobId());
      g.writeNumberField("rows", s.rows());
      g.writeNumberField("found", s.found());
      g.writeNumberField("superseded", s.superseded());
      g.writeNumberField("duplicates", s.duplicates());
      g.writeNumberField("invalid", s.invalid());
      g.writeArrayFieldStart("invalidRows");
      for (FindSummary.InvalidRow r : s.invalidRows()) {
        g.writeStartObject();
        g.writeNumberField("row", r.row());
        g.writeStringField("id", r.id());
        g.writeStringField("problem", r.problem());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("byResponseCode");
      for (Map.Entry<Integer, Long> e : s.foundByResponseCode().entrySet()) {
        g.writeNumberField(e.getKey().toString(), e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("byEventCategory");
      for (Map.Entry<String, Long> e : s.foundByEventCategory().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("callouts");
      for (FailedCallout c : found) {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("createTime", c.createTime().toString());
        g.writeNumberField("responseCode", c.responseCode());
        g.writeStringField("eventCategory", c.eventCategory().orElse(null));
        g.writeStringField("notificationId", c.notificationId().orElse(null));
        g.writeStringField("objectId", c.objectId().orElse(null));
        g.writeStringField("accountId", c.accountId().orElse(null));
        g.writeStringField(
            "succeededLaterAt", c.succeededLaterAt().map(Instant::toString).orElse(null));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  private static void strings(JsonGenerator g, String name, java.util.List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** stdout stays open after the document. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(PrintStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
