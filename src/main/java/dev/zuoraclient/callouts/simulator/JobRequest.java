package dev.zuoraclient.callouts.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * The body of {@code POST /query/jobs}, checked: the spec's required fields and values, then what
 * the simulator can do (JSON Lines output, without compression or gzipped).
 */
record JobRequest(String query, String sourceData, boolean useIndexJoin, boolean gzip) {

  /** A body the simulator refuses with 400 and this message. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  static JobRequest parse(byte[] body) throws Refused {
    JsonNode root;
    try {
      root = SimExchange.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new Refused("The request body must be a JSON object.");
    }
    if (root == null || !root.isObject()) {
      throw new Refused("The request body must be a JSON object.");
    }
    String query = text(root, "query", true);
    if (query.isBlank()) {
      throw new Refused("query must not be blank.");
    }
    String format = oneOf(root, "outputFormat", List.of("JSON", "CSV", "TSV", "DSV"), true);
    String compression = oneOf(root, "compression", List.of("NONE", "GZIP", "ZIP"), true);
    JsonNode output = root.get("output");
    if (output == null || !output.isObject()) {
      throw new Refused("output is required: {\"target\": \"S3\"}.");
    }
    oneOf(output, "target", List.of("S3"), true);
    String sourceData = oneOf(root, "sourceData", List.of("LIVE", "WAREHOUSE"), false);
    JsonNode indexJoin = root.get("useIndexJoin");
    if (indexJoin != null && !indexJoin.isBoolean()) {
      throw new Refused("useIndexJoin must be a boolean.");
    }
    if (!format.equals("JSON")) {
      throw new Refused(
          "outputFormat " + format + " is not supported by the simulator, which writes JSON only.");
    }
    if (compression.equals("ZIP")) {
      throw new Refused(
          "compression ZIP is not supported by the simulator, which writes NONE or GZIP only.");
    }
    return new JobRequest(
        query,
        sourceData == null ? "LIVE" : sourceData,
        indexJoin != null && indexJoin.booleanValue(),
        compression.equals("GZIP"));
  }

  private static String oneOf(JsonNode node, String field, List<String> allowed, boolean required)
      throws Refused {
    String value = text(node, field, required);
    if (value != null && !allowed.contains(value)) {
      throw new Refused(field + " must be one of " + allowed + " (got " + value + ").");
    }
    return value;
  }

  private static String text(JsonNode node, String field, boolean required) throws Refused {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new Refused(field + " is required.");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new Refused(field + " must be a string.");
    }
    return value.textValue();
  }
}
