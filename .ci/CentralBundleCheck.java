import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks an unpacked Central bundle (target/central-publishing/central-bundle.zip) against Maven
 * Central's rules, for .ci/central-bundle-check, which has verified the signatures with gpg:
 *
 * <ul>
 *   <li>exactly the artifacts this project publishes, each with its .asc, .md5 and .sha1 (and any
 *       .sha256/.sha512), every checksum matching;
 *   <li>the sources and javadoc jars hold sources and javadoc;
 *   <li>the POM has the coordinates, a release version, name, description, url, licenses,
 *       developers and scm;
 *   <li>the SBOMs name a licence for every component, each one this project may bundle, and the
 *       command line's leaves out what its jar leaves out.
 * </ul>
 *
 * <p>Run with {@code java .ci/CentralBundleCheck.java BUNDLE_DIR GROUP ARTIFACT VERSION}; prints
 * every problem and exits 1 if there is one. JDK classes only.
 */
public class CentralBundleCheck {
  /** What a release publishes, by what follows {@code artifactId-version}. */
  static final List<String> PUBLISHED =
      List.of(
          ".pom",
          ".jar",
          "-sources.jar",
          "-javadoc.jar",
          "-simulator.jar",
          "-cli.jar",
          ".tar.gz",
          ".zip",
          "-cyclonedx.json",
          "-cli-cyclonedx.json");

  /** Licences compatible with shipping them inside an Apache-2.0 work (SPDX identifiers). */
  static final Set<String> ALLOWED_LICENCES =
      Set.of("Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "BSL-1.0");

  static final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Path bundle = Path.of(args[0]);
    String group = args[1];
    String artifact = args[2];
    String version = args[3];
    Path dir = bundle.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
    String base = artifact + "-" + version;

    Set<String> primaries = new TreeSet<>();
    try (Stream<Path> files = Files.walk(bundle)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = f.getFileName().toString();
        if (!f.getParent().equals(dir)) {
          problems.add("outside " + bundle.relativize(dir) + ": " + bundle.relativize(f));
        } else if (!name.matches(".*\\.(asc|md5|sha1|sha256|sha512)$")) {
          primaries.add(name);
        }
      }
    }
    Set<String> expected = new TreeSet<>();
    PUBLISHED.forEach(suffix -> expected.add(base + suffix));
    for (String missing : difference(expected, primaries)) {
      problems.add("missing: " + missing);
    }
    for (String extra : difference(primaries, expected)) {
      problems.add("not meant to be published: " + extra);
    }

    for (String name : primaries) {
      Path file = dir.resolve(name);
      byte[] bytes = Files.readAllBytes(file);
      if (!Files.isRegularFile(dir.resolve(name + ".asc"))) {
        problems.add("no signature: " + name + ".asc");
      }
      checksum(dir, name, bytes, "md5", "MD5", true);
      checksum(dir, name, bytes, "sha1", "SHA-1", true);
      checksum(dir, name, bytes, "sha256", "SHA-256", false);
      checksum(dir, name, bytes, "sha512", "SHA-512", false);
    }

    holds(dir.resolve(base + "-sources.jar"), ".java", "sources");
    holds(dir.resolve(base + "-javadoc.jar"), "index.html", "javadoc");
    pom(dir.resolve(base + ".pom"), group, artifact, version);
    sbom(dir.resolve(base + "-cyclonedx.json"), Set.of());
    sbom(dir.resolve(base + "-cli-cyclonedx.json"), Set.of("io.micrometer"));

    if (problems.isEmpty()) {
      System.out.println(
          "  " + primaries.size() + " artifacts, each signed and with matching checksums; POM and SBOMs complete");
    } else {
      problems.forEach(p -> System.err.println("PROBLEM: " + p));
      System.exit(1);
    }
  }

  static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  static void checksum(
      Path dir, String name, byte[] bytes, String ext, String algorithm, boolean required)
      throws Exception {
    Path sum = dir.resolve(name + "." + ext);
    if (!Files.isRegularFile(sum)) {
      if (required) {
        problems.add("no checksum: " + sum.getFileName());
      }
      return;
    }
    String actual = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    String stated = Files.readString(sum, StandardCharsets.US_ASCII).strip().split("\\s+")[0];
    if (!actual.equalsIgnoreCase(stated)) {
      problems.add(sum.getFileName() + " says " + stated + ", the file's is " + actual);
    }
  }

  static void holds(Path jar, String suffix, String what) throws IOException {
    if (!Files.isRegularFile(jar)) {
      return; // reported as missing
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      if (zip.stream().noneMatch(e -> e.getName().endsWith(suffix))) {
        problems.add(jar.getFileName() + " holds no " + what + " (no *" + suffix + ")");
      }
    }
  }

  static void pom(Path pom, String group, String artifact, String version) throws Exception {
    if (!Files.isRegularFile(pom)) {
      return;
    }
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    Element project = doc.getDocumentElement();
    Map<String, String> must = new LinkedHashMap<>();
    must.put("groupId", group);
    must.put("artifactId", artifact);
    must.put("version", version);
    must.forEach(
        (path, value) -> {
          if (!value.equals(text(project, path))) {
            problems.add("POM " + path + " is '" + text(project, path) + "', not '" + value + "'");
          }
        });
    if (version.endsWith("-SNAPSHOT")) {
      problems.add("POM version is a snapshot: " + version);
    }
    for (String path :
        List.of(
            "name",
            "description",
            "url",
            "licenses/license/name",
            "licenses/license/url",
            "developers/developer/name",
            "scm/url",
            "scm/connection",
            "scm/developerConnection")) {
      String value = text(project, path);
      if (value == null || value.isBlank() || value.contains("${")) {
        problems.add("POM has no " + path + (value == null ? "" : " (it says '" + value + "')"));
      }
    }
  }

  /** The text of the first element at {@code path} (child names, '/'-separated), or null. */
  static String text(Element from, String path) {
    Element e = from;
    for (String name : path.split("/")) {
      Element next = null;
      for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element child && child.getTagName().equals(name)) {
          next = child;
          break;
        }
      }
      if (next == null) {
        return null;
      }
      e = next;
    }
    return e.getTextContent().strip();
  }

  @SuppressWarnings("unchecked")
  static void sbom(Path file, Set<String> leftOut) throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    Map<String, Object> bom =
        (Map<String, Object>) new Json(Files.readString(file, StandardCharsets.UTF_8)).value();
    if (!"CycloneDX".equals(bom.get("bomFormat"))) {
      problems.add(file.getFileName() + " is not a CycloneDX BOM");
      return;
    }
    List<Object> components = (List<Object>) bom.getOrDefault("components", List.of());
    if (components.isEmpty()) {
      problems.add(file.getFileName() + " lists no component");
    }
    for (Object o : components) {
      Map<String, Object> c = (Map<String, Object>) o;
      String name = c.get("group") + ":" + c.get("name") + ":" + c.get("version");
      if (leftOut.contains(String.valueOf(c.get("group")))) {
        problems.add(file.getFileName() + " lists " + name + ", which that artifact leaves out");
      }
      List<Object> licences = (List<Object>) c.getOrDefault("licenses", List.of());
      if (licences.isEmpty()) {
        problems.add(file.getFileName() + ": no licence for " + name);
      }
      for (Object l : licences) {
        Map<String, Object> licence =
            (Map<String, Object>) ((Map<String, Object>) l).getOrDefault("license", Map.of());
        Object id = licence.get("id");
        if (id == null || !ALLOWED_LICENCES.contains(id.toString())) {
          problems.add(
              file.getFileName()
                  + ": "
                  + name
                  + " is under "
                  + (id != null ? id : licence.get("name"))
                  + ", not one of "
                  + new TreeSet<>(ALLOWED_LICENCES));
        }
      }
    }
  }

  /** Just enough JSON for a CycloneDX BOM: objects, arrays, strings, numbers, literals. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char c = s.charAt(i);
      if (c == '{') {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        skip();
        if (s.charAt(i) == '}') {
          i++;
          return m;
        }
        while (true) {
          skip();
          String key = string();
          skip();
          expect(':');
          m.put(key, value());
          skip();
          if (s.charAt(i++) == '}') {
            return m;
          }
        }
      }
      if (c == '[') {
        List<Object> l = new ArrayList<>();
        i++;
        skip();
        if (s.charAt(i) == ']') {
          i++;
          return l;
        }
        while (true) {
          l.add(value());
          skip();
          if (s.charAt(i++) == ']') {
            return l;
          }
        }
      }
      if (c == '"') {
        return string();
      }
      int start = i;
      while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      String word = s.substring(start, i);
      return switch (word) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        case "null" -> null;
        default -> Double.valueOf(word);
      };
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'u' -> {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> b.append(e);
          }
        } else {
          b.append(c);
        }
      }
    }

    private void expect(char c) {
      if (s.charAt(i++) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + (i - 1));
      }
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
