package dev.zuoraclient.callouts.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command that runs a run again, rebuilt for a shell from the arguments the command was given
 * (the line the user typed is not available to Java): the launcher ({@code java -jar JAR}, or
 * {@code java -cp PATH MAIN} when the classes are not in a jar), then the arguments in their order,
 * with the paths of {@code --journal} and {@code --ids-file} made absolute so that the command runs
 * from any directory, and every word quoted for a POSIX shell where it needs it. Credentials come
 * from environment variables only, so the command holds no secret; JVM options are not repeated.
 */
final class RerunCommand {
  /** Options whose value is a path, made absolute ({@code --ids-file -} stays stdin). */
  private static final Set<String> PATH_OPTIONS = Set.of("--journal", "--ids-file");

  /** Options left out: a rerun is a real run. */
  private static final Set<String> DROPPED = Set.of("--dry-run");

  /** Words a POSIX shell reads as themselves. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private RerunCommand() {}

  /**
   * The command line that reruns {@code args} (starting with {@code resend}).
   *
   * @param env the environment variables, to tell whether {@code java} on the {@code PATH} is this
   *     JVM's
   */
  static String of(List<String> args, Map<String, String> env) {
    List<String> words = new ArrayList<>(launcher(env));
    boolean idsOnly = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (idsOnly) {
        words.add(quote(a));
        continue;
      }
      if (a.equals("--")) {
        idsOnly = true;
        words.add(a);
        continue;
      }
      int eq = a.indexOf('=');
      String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
      if (DROPPED.contains(name)) {
        continue;
      }
      if (PATH_OPTIONS.contains(name)) {
        String value = a.startsWith("--") && eq > 0 ? a.substring(eq + 1) : null;
        if (value == null && i + 1 < args.size()) {
          value = args.get(++i);
        }
        words.add(name);
        if (value != null) {
          words.add(quote(value.equals("-") ? value : absolute(value)));
        }
        continue;
      }
      words.add(quote(a));
    }
    return String.join(" ", words);
  }

  /** {@code s} as one word for a POSIX shell. */
  static String quote(String s) {
    if (!s.isEmpty() && PLAIN.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String absolute(String path) {
    try {
      return Path.of(path).toAbsolutePath().normalize().toString();
    } catch (RuntimeException e) {
      return path; // not a path this JVM can read: the run refused it already
    }
  }

  /** How this JVM runs the command: {@code java -jar JAR}, or {@code java -cp PATH MAIN}. */
  static List<String> launcher(Map<String, String> env) {
    String java = java(env);
    Path code = codeSource();
    if (code != null && Files.isRegularFile(code) && code.toString().endsWith(".jar")) {
      return List.of(java, "-jar", quote(code.toString()));
    }
    return List.of(
        java, "-cp", quote(System.getProperty("java.class.path", "")), Main.class.getName());
  }

  private static Path codeSource() {
    try {
      CodeSource source = Main.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /** {@code java} when the first one on the {@code PATH} is this JVM's, else its full path. */
  private static String java(Map<String, String> env) {
    Path own = Path.of(System.getProperty("java.home"), "bin", "java");
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "java");
      if (Files.isExecutable(candidate)) {
        try {
          return candidate.toRealPath().equals(own.toRealPath()) ? "java" : quote(own.toString());
        } catch (IOException | RuntimeException e) {
          break;
        }
      }
    }
    return quote(own.toString());
  }
}
