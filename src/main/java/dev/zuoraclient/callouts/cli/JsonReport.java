package dev.zuoraclient.callouts.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Prints a {@link RunReport} as exactly one JSON document, for scripts:
 *
 * <pre>{@code
 * {"requested": 3, "accepted": 2,
 *  "failed": [{"id": "x", "code": "ObjectNotFound", "message": "Callout history does not exist."}],
 *  "unresolved": [], "requestIds": ["..."], "trackId": "abc", "error": null,
 *  "unresolvedDetails": [],
 *  "server": {"url": "https://rest.zuora.com", "environment": "us-production-2", "simulator": false},
 *  "journal": {"path": "/ops/run.jsonl", "canResume": false},
 *  "cause": null}
 * }</pre>
 *
 * <p>Fields are only ever added at the end, so that the documented ones keep their order: {@code
 * unresolvedDetails}, for each unresolved ID, its batch, the reason, and whether Zuora may have
 * resent it ({@code mayHaveBeenResent}: then send it again only with the same idempotency key);
 * then {@code server}, where the run went ({@code null} when it never started); then {@code
 * journal}, the {@code --journal} file ({@code null} without one) and whether running the command
 * again with it resumes the run ({@code canResume}); then {@code cause}, the one cause that
 * explains why the run ended with IDs unresolved ({@code kind}: {@code unauthorized}, {@code
 * forbidden}, {@code no-token} or {@code no-connection}; {@code message}; {@code hint}), or {@code
 * null}.
 */
final class JsonReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
  }

  /**
   * JSON escapes for every character {@link SafeText#printable} escapes (DEL, C1 controls, bidi and
   * other format characters, line separators) on top of JSON's own: the document stays valid and
   * means the same, but printed to a terminal it cannot move the cursor or reorder the text.
   */
  private static final class TerminalSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    TerminalSafeEscapes() {
      ascii[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch <= 0xFFFF && SafeText.needsEscape((char) ch)
          ? new SerializedString(String.format("\\u%04X", ch))
          : null;
    }
  }

  private JsonReport() {}

  /** The journal's absolute path, for a script that may run from another directory. */
  private static String absolute(String path) {
    try {
      return java.nio.file.Path.of(path).toAbsolutePath().normalize().toString();
    } catch (RuntimeException e) {
      return path;
    }
  }

  static void print(RunReport report, PrintStream out) {
    ObjectNode doc = object();
    doc.put("requested", report.requested());
    doc.put("accepted", report.accepted());
    ArrayNode failed = doc.putArray("failed");
    for (ResendFailure f : report.failed()) {
      failed.addObject().put("id", f.id()).put("code", f.code()).put("message", f.message());
    }
    ArrayNode unresolved = doc.putArray("unresolved");
    report.unresolvedIds().forEach(unresolved::add);
    ArrayNode requestIds = doc.putArray("requestIds");
    report.requestIds().forEach(requestIds::add);
    doc.put("trackId", report.trackId());
    doc.put("error", report.error());
    ArrayNode details = doc.putArray("unresolvedDetails");
    for (RunReport.Unresolved u : report.unresolved()) {
      details
          .addObject()
          .put("id", u.id())
          .put("batch", u.batch())
          .put("reason", u.reason())
          .put("mayHaveBeenResent", u.maybeResent());
    }
    putServer(doc, report.server());
    if (report.journal() == null) {
      doc.putNull("journal");
    } else {
      doc.putObject("journal")
          .put("path", absolute(report.journal()))
          .put("canResume", report.canResume());
    }
    RunCause cause = report.cause();
    if (cause == null) {
      doc.putNull("cause");
    } else {
      doc.putObject("cause")
          .put("kind", cause.kind().jsonName())
          .put("message", cause.message())
          .put("hint", cause.hint());
    }
    print(doc, out);
  }

  /** An empty document, to fill and {@link #print(ObjectNode, PrintStream)}. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** An array of {@code numbers}. */
  static ArrayNode numbers(java.util.List<Integer> numbers) {
    ArrayNode array = MAPPER.createArrayNode();
    numbers.forEach(array::add);
    return array;
  }

  /** Adds {@code server}: where a run went, or {@code null} when it never started. */
  static void putServer(ObjectNode doc, RunReport.Target server) {
    if (server == null) {
      doc.putNull("server");
    } else {
      doc.putObject("server")
          .put("url", server.url())
          .put(
              "environment",
              server.environment() == null ? null : EnvironmentNames.of(server.environment()))
          .put("simulator", server.simulator());
    }
  }

  /**
   * The document of a command that ended without its result (a find that failed): the error, why (a
   * {@link dev.zuoraclient.callouts.history.QueryJobException.Reason} name, or {@code
   * CALL_FAILED}), the job and the server.
   */
  static void printError(
      String error, String reason, String jobId, String server, PrintStream out) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("error", error).put("reason", reason).put("jobId", jobId).put("server", server);
    print(doc, out);
  }

  /** A generator over {@code out} that escapes as {@link #print} does, pretty-printed. */
  static com.fasterxml.jackson.core.JsonGenerator generator(java.io.OutputStream out)
      throws java.io.IOException {
    return MAPPER.getFactory().createGenerator(out).useDefaultPrettyPrinter();
  }

  /** Prints {@code doc}, escaped so that it cannot rewrite a terminal. */
  static void print(ObjectNode doc, PrintStream out) {
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of strings and numbers always serialises
    }
    out.flush();
  }
}
