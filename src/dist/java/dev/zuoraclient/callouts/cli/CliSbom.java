package dev.zuoraclient.callouts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A release step (profile release, after cyclonedx-maven-plugin): the command line's SBOM, from the
 * library's. The CLI jar and the tar.gz/zip bundle the library's dependencies except Micrometer
 * (optional, never used by the command line), and the plugin cannot leave a dependency out of a
 * module's SBOM: this drops those components and their edges, and describes an application with the
 * CLI jar's coordinates.
 *
 * <p>Arguments: the library's SBOM (CycloneDX JSON), the file to write, then the groups to leave
 * out.
 */
public final class CliSbom {
  private CliSbom() {}

  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode bom = (ObjectNode) json.readTree(Path.of(args[0]).toFile());
    Set<String> groups = Set.copyOf(List.of(args).subList(2, args.length));

    Set<String> dropped = new HashSet<>();
    for (Iterator<JsonNode> it = bom.withArray("components").elements(); it.hasNext(); ) {
      JsonNode c = it.next();
      if (groups.contains(c.path("group").asText())) {
        dropped.add(c.path("bom-ref").asText());
        it.remove();
      }
    }
    for (Iterator<JsonNode> it = bom.withArray("dependencies").elements(); it.hasNext(); ) {
      JsonNode d = it.next();
      if (dropped.contains(d.path("ref").asText())) {
        it.remove();
      } else if (d.get("dependsOn") instanceof ArrayNode on) {
        for (Iterator<JsonNode> refs = on.elements(); refs.hasNext(); ) {
          if (dropped.contains(refs.next().asText())) {
            refs.remove();
          }
        }
      }
    }
    ObjectNode component = (ObjectNode) bom.path("metadata").path("component");
    component.put("type", "application");
    component.put(
        "purl", component.path("purl").asText().replace("?type=jar", "?classifier=cli&type=jar"));
    // A BOM of its own: its serial number from its content, as the plugin makes the library's.
    bom.remove("serialNumber");
    bom.put("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes(json.writeValueAsBytes(bom)));
    Files.write(Path.of(args[1]), json.writeValueAsBytes(bom));
  }
}
