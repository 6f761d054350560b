package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.internal.Endpoints;
import dev.zuoraclient.callouts.internal.FileErrors;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named profiles, as aws-cli and gh keep them: a file in the user's configuration directory ({@code
 * $XDG_CONFIG_HOME/zuora-callout-resend/config}, else {@code
 * ~/.config/zuora-callout-resend/config}) that says, per profile, which server a run goes to and
 * which OAuth client or token file it uses:
 *
 * <pre>
 * [prod]
 * env = us-production-2
 * client-id = 8f1c2d3e
 * client-secret-file = ~/.config/zuora-callout-resend/prod.secret
 * </pre>
 *
 * <p>A profile is used only when it is named ({@code --profile NAME} or {@value #VARIABLE}): a run
 * never goes to a real server unless something the operator typed or exported says so. It must name
 * a server ({@code env} or {@code base-url}, not both), and it never holds a secret itself, only
 * the path of an owner-only file holding it: a configuration file gets copied into dotfile
 * repositories and backups; {@code client-secret} or {@code access-token} in one is refused, in any
 * profile. The file must not be writable by other users, as ssh demands of its configuration:
 * whoever can change {@code base-url} can have your credentials sent to a server of theirs.
 *
 * <p>Flags win over environment variables, which win over the profile: {@code --env} or {@code
 * --base-url} replace its server, and any credential variable that is set replaces its credentials
 * as a whole (an OAuth client is never pieced together from two places).
 */
final class Profiles {
  /** The environment variable that names a profile when {@code --profile} is not given. */
  static final String VARIABLE = "ZUORA_PROFILE";

  /** The file's name inside the tool's configuration directory. */
  static final String FILE_NAME = "config";

  static final String ENV = "env";
  static final String BASE_URL = "base-url";
  static final String CLIENT_ID = "client-id";
  static final String CLIENT_SECRET_FILE = "client-secret-file";
  static final String ACCESS_TOKEN_FILE = "access-token-file";

  /** What a profile may hold. */
  static final List<String> KEYS =
      List.of(ENV, BASE_URL, CLIENT_ID, CLIENT_SECRET_FILE, ACCESS_TOKEN_FILE);

  /** Keys that would hold a secret: refused, each pointing to the key that names a file instead. */
  private static final Map<String, String> SECRETS =
      Map.of(
          "client-secret", CLIENT_SECRET_FILE,
          "access-token", ACCESS_TOKEN_FILE,
          "token", ACCESS_TOKEN_FILE,
          "secret", CLIENT_SECRET_FILE,
          "password", CLIENT_SECRET_FILE);

  /** More than any hand-written configuration: a larger file is not one. */
  private static final long MAX_BYTES = 64 * 1024;

  /**
   * One profile, checked.
   *
   * @param name its name
   * @param file the configuration file it is in
   * @param selectedBy {@code --profile} or {@value #VARIABLE}
   * @param environment its {@code env}, or null
   * @param baseUrl its {@code base-url}, or null
   * @param clientId its {@code client-id}, or null
   * @param clientSecretFile its {@code client-secret-file}, resolved, or null
   * @param accessTokenFile its {@code access-token-file}, resolved, or null
   */
  record Profile(
      String name,
      Path file,
      String selectedBy,
      ZuoraEnvironment environment,
      String baseUrl,
      String clientId,
      Path clientSecretFile,
      Path accessTokenFile) {

    /** Whether it holds any credentials. */
    boolean hasCredentials() {
      return clientId != null || clientSecretFile != null || accessTokenFile != null;
    }

    /** "profile 'prod'", for messages. */
    String label() {
      return "profile '" + SafeText.printable(name) + "'";
    }

    /** "profile 'prod' (from --profile, in /home/u/.config/zuora-callout-resend/config)". */
    String describe() {
      return label() + " (from " + selectedBy + ", in " + SafeText.printable(file.toString()) + ")";
    }
  }

  private Profiles() {}

  /**
   * The configuration file: {@code $XDG_CONFIG_HOME} when it is an absolute path (the XDG Base
   * Directory rule), else {@code $HOME/.config}, then {@code zuora-callout-resend/config}.
   */
  static Path file(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : home(env).resolve(".config");
    return base.resolve(CliVersion.NAME).resolve(FILE_NAME);
  }

  private static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
  }

  /**
   * The profile named by {@code --profile} ({@code flag}), else by {@value #VARIABLE}; null when
   * neither names one.
   *
   * @throws IllegalArgumentException when the file or the profile cannot be used, saying why
   */
  static Profile select(String flag, Map<String, String> env) {
    String name = flag;
    String by = "--profile";
    if (name == null) {
      name = env.get(VARIABLE);
      by = VARIABLE;
      if (name == null || name.isBlank()) {
        return null;
      }
    }
    return load(file(env), name.strip(), by, env);
  }

  /**
   * The profile {@code name} of {@code file}.
   *
   * @throws IllegalArgumentException when the file is missing, unreadable, writable by others or
   *     malformed, or holds no such profile, or the profile is not usable
   */
  static Profile load(Path file, String name, String selectedBy, Map<String, String> env) {
    String where = SafeText.printable(file.toString());
    String text = read(file, selectedBy, name);
    Map<String, Map<String, Entry>> profiles = parse(text, where);
    Map<String, Entry> keys = profiles.get(name);
    if (keys == null) {
      String closest = EnvironmentNames.closest(name, profiles.keySet());
      throw new IllegalArgumentException(
          selectedBy
              + " names profile '"
              + SafeText.printable(name)
              + "', which "
              + where
              + " does not hold ("
              + (profiles.isEmpty()
                  ? "it holds none"
                  : "it holds " + SafeText.printable(String.join(", ", profiles.keySet())))
              + ")"
              + (closest == null ? "" : "; did you mean " + SafeText.printable(closest) + "?"));
    }
    String label = "profile '" + SafeText.printable(name) + "' in " + where;
    Entry named = keys.get(ENV);
    Entry url = keys.get(BASE_URL);
    if (named == null && url == null) {
      throw new IllegalArgumentException(
          label + " names no server: give it " + ENV + " = NAME or " + BASE_URL + " = URL");
    }
    if (named != null && url != null) {
      throw new IllegalArgumentException(
          label + " holds both " + ENV + " and " + BASE_URL + ": keep one of them");
    }
    ZuoraEnvironment environment = null;
    if (named != null) {
      try {
        environment = EnvironmentNames.parse(named.value());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(named.at(label) + ": " + e.getMessage());
      }
    }
    if (url != null) {
      try {
        Endpoints.resolve(null, Endpoints.parse(url.value())); // the client's rule; no I/O
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new IllegalArgumentException(url.at(label) + ": " + e.getMessage());
      }
    }
    Path dir = file.toAbsolutePath().getParent();
    return new Profile(
        name,
        file,
        selectedBy,
        environment,
        url == null ? null : url.value(),
        value(keys.get(CLIENT_ID)),
        path(keys.get(CLIENT_SECRET_FILE), dir, env),
        path(keys.get(ACCESS_TOKEN_FILE), dir, env));
  }

  private static String read(Path file, String selectedBy, String name) {
    String where = SafeText.printable(file.toString());
    String intro = selectedBy + " names profile '" + SafeText.printable(name) + "', but " + where;
    try {
      if (!Files.exists(file)) {
        throw new IllegalArgumentException(
            intro
                + " does not exist (profiles live in $XDG_CONFIG_HOME/"
                + CliVersion.NAME
                + "/"
                + FILE_NAME
                + ", or ~/.config/"
                + CliVersion.NAME
                + "/"
                + FILE_NAME
                + ")");
      }
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(intro + " is not a regular file");
      }
      if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (mode.contains(PosixFilePermission.GROUP_WRITE)
            || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new IllegalArgumentException(
              intro
                  + " can be changed by other users ("
                  + PosixFilePermissions.toString(mode)
                  + "), who could send your credentials to a server of theirs: chmod go-w FILE");
        }
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(intro + " is too large to be a configuration file");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException(intro + " is not UTF-8 text");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          intro + " cannot be read (" + SafeText.printable(FileErrors.describe(e)) + ")");
    }
  }

  /** A key's value and the line it is on. */
  private record Entry(String value, int line) {
    String at(String label) {
      return label + ", line " + line;
    }
  }

  /**
   * The profiles of {@code text}, by name, each with its keys. Strict: a line that is neither
   * blank, a comment ({@code #} or {@code ;}), a {@code [name]} nor a known {@code key = value} of
   * a profile is refused, naming the line, so that a misspelt key is not silently ignored.
   */
  private static Map<String, Map<String, Entry>> parse(String text, String where) {
    Map<String, Map<String, Entry>> profiles = new LinkedHashMap<>();
    Map<String, Entry> current = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      String line = lines[i].strip();
      String at = where + ", line " + number;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]") || line.length() < 3 || line.substring(1).contains("[")) {
          throw new IllegalArgumentException(at + ": a profile starts with [NAME]");
        }
        String name = line.substring(1, line.length() - 1).strip();
        if (name.isEmpty()) {
          throw new IllegalArgumentException(at + ": a profile starts with [NAME]");
        }
        if (profiles.containsKey(name)) {
          throw new IllegalArgumentException(
              at + ": profile '" + SafeText.printable(name) + "' is defined twice");
        }
        current = new LinkedHashMap<>();
        profiles.put(name, current);
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(at + ": expected KEY = VALUE, [NAME] or a # comment");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      String instead = SECRETS.get(key.toLowerCase(java.util.Locale.ROOT));
      if (instead != null) {
        // The value is never shown: it may be the secret.
        throw new IllegalArgumentException(
            at
                + ": "
                + SafeText.printable(key)
                + " would keep a secret in the configuration file, which is copied and backed up"
                + " as any other; put the secret in a file only you can read (chmod 600) and name"
                + " it with "
                + instead
                + " = PATH");
      }
      if (!KEYS.contains(key)) {
        String closest = EnvironmentNames.closest(key, KEYS);
        throw new IllegalArgumentException(
            at
                + ": unknown key '"
                + SafeText.printable(key)
                + "' (a profile holds "
                + String.join(", ", KEYS)
                + ")"
                + (closest == null ? "" : "; did you mean " + closest + "?"));
      }
      if (current == null) {
        throw new IllegalArgumentException(
            at + ": " + key + " comes before any [NAME]: start a profile first");
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException(at + ": " + key + " has no value");
      }
      if (current.put(key, new Entry(value, number)) != null) {
        throw new IllegalArgumentException(at + ": " + key + " is set twice in this profile");
      }
    }
    return profiles;
  }

  private static String value(Entry e) {
    return e == null ? null : e.value();
  }

  /** A path of the file: {@code ~/} is the home directory, and a relative path is the file's. */
  private static Path path(Entry e, Path dir, Map<String, String> env) {
    if (e == null) {
      return null;
    }
    String v = e.value();
    if (v.equals("~") || v.startsWith("~/")) {
      return home(env).resolve(v.equals("~") ? "" : v.substring(2));
    }
    return dir.resolve(v);
  }
}
