package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The credentials of a run against a real server, from environment variables only: a secret on the
 * command line would be visible to every user of the machine and kept in shell history.
 *
 * <p>A secret can stay out of the environment too (where {@code ps e} and child processes see it,
 * and an {@code export} lands in shell history): {@value #ACCESS_TOKEN_FILE} and {@value
 * #CLIENT_SECRET_FILE} name a file that holds it, which must be a regular file that only its owner
 * can read where the file system has POSIX permissions (as ssh demands of a key); one trailing line
 * break is dropped, since editors and {@code echo} write one.
 *
 * <p>{@value #ACCESS_TOKEN} wins over {@value #CLIENT_ID} and {@value #CLIENT_SECRET}. {@link
 * #toString()} never shows the token or the secret.
 */
final class Credentials {
  static final String ACCESS_TOKEN = "ZUORA_ACCESS_TOKEN";
  static final String CLIENT_ID = "ZUORA_CLIENT_ID";
  static final String CLIENT_SECRET = "ZUORA_CLIENT_SECRET";
  static final String ACCESS_TOKEN_FILE = ACCESS_TOKEN + "_FILE";
  static final String CLIENT_SECRET_FILE = CLIENT_SECRET + "_FILE";

  /** More than any token or secret: a larger file is not one. */
  private static final long MAX_SECRET_FILE_BYTES = 64 * 1024;

  private final String accessToken;
  private final String clientId;
  private final String clientSecret;
  private final String secretSource; // the variable the token or secret came from

  private Credentials(
      String accessToken, String clientId, String clientSecret, String secretSource) {
    this.accessToken = accessToken;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.secretSource = secretSource;
  }

  /**
   * The credentials in {@code env}.
   *
   * @throws IllegalArgumentException when none are set, or only half of a client's
   */
  static Credentials fromEnv(Map<String, String> env) {
    String token = secret(env, ACCESS_TOKEN);
    if (token != null) {
      return new Credentials(token, null, null, source(env, ACCESS_TOKEN));
    }
    String id = nonBlank(env.get(CLIENT_ID));
    String secret = secret(env, CLIENT_SECRET);
    if (id != null && secret != null) {
      return new Credentials(null, id, secret, source(env, CLIENT_SECRET));
    }
    if (id != null || secret != null) {
      throw new IllegalArgumentException(
          (id == null
                  ? CLIENT_ID + " is not set"
                  : CLIENT_SECRET + " is not set (nor " + CLIENT_SECRET_FILE + ")")
              + ", but "
              + (id == null ? source(env, CLIENT_SECRET) : CLIENT_ID)
              + " is: set both, or "
              + ACCESS_TOKEN);
    }
    throw new IllegalArgumentException(
        "no credentials: set "
            + ACCESS_TOKEN
            + ", or "
            + CLIENT_ID
            + " and "
            + CLIENT_SECRET
            + " (each secret may be in a file named by the same variable with _FILE) (or use"
            + " --simulator to try the command without Zuora)");
  }

  /**
   * The credential variables set in {@code env} (to a value that is not blank, as {@link #fromEnv}
   * reads them), in a fixed order, whether or not they make complete credentials: any of them shows
   * that the operator meant to reach Zuora.
   */
  static List<String> present(Map<String, String> env) {
    return List.of(ACCESS_TOKEN, ACCESS_TOKEN_FILE, CLIENT_ID, CLIENT_SECRET, CLIENT_SECRET_FILE)
        .stream()
        .filter(name -> nonBlank(env.get(name)) != null)
        .toList();
  }

  /** "A is set", "A and B are set", "A, B and C are set": the names, never the values. */
  static String areSet(List<String> names) {
    int last = names.size() - 1;
    return last == 0
        ? names.get(0) + " is set"
        : String.join(", ", names.subList(0, last)) + " and " + names.get(last) + " are set";
  }

  /** True when a ready token is set, so that no token request is made. */
  boolean hasAccessToken() {
    return accessToken != null;
  }

  /**
   * The fixed token of {@value #ACCESS_TOKEN}.
   *
   * @throws IllegalArgumentException when it is malformed (the message never shows it)
   */
  AccessTokenProvider accessToken() {
    return AccessTokenProvider.fixed(accessToken);
  }

  /**
   * Tokens for the OAuth client of {@value #CLIENT_ID}. A token is fetched on the first request and
   * reused by every batch of the run (the provider caches it), so a run costs one call to Zuora's
   * rate-limited token endpoint.
   *
   * @param environment the server, or null when {@code baseUrl} is set
   * @param baseUrl the server, or null when {@code environment} is set
   * @throws IllegalArgumentException when the server is not acceptable
   */
  AccessTokenProvider clientCredentials(
      ZuoraEnvironment environment, String baseUrl, HttpLogLevel logLevel) {
    ClientCredentialsTokenProvider.Builder b =
        ClientCredentialsTokenProvider.builder()
            .clientId(clientId)
            .clientSecret(clientSecret)
            .httpLogLevel(logLevel)
            .applicationId(CliVersion.USER_AGENT_TOKEN);
    if (baseUrl != null) {
      b.baseUri(baseUrl);
    } else {
      b.environment(environment);
    }
    return b.build();
  }

  /** Which variables are used, for a note on stderr; never a secret. */
  String source() {
    return accessToken != null
        ? secretSource
        : CLIENT_ID + " (" + clientId + ") and " + secretSource;
  }

  @Override
  public String toString() {
    return "Credentials{" + source() + ", values not shown}";
  }

  /**
   * The secret in variable {@code name}, or in the file that {@code name_FILE} names; null when
   * neither is set.
   *
   * @throws IllegalArgumentException when both are set, or the file is not fit to hold a secret
   *     (the message names the file, never what it holds)
   */
  private static String secret(Map<String, String> env, String name) {
    String value = nonBlank(env.get(name));
    String file = nonBlank(env.get(name + "_FILE"));
    if (file == null) {
      return value;
    }
    if (value != null) {
      throw new IllegalArgumentException(
          name + " and " + name + "_FILE are both set: keep one of them");
    }
    return readSecret(name + "_FILE", Path.of(file));
  }

  /** Which variable holds the secret {@code name}: itself, or its {@code _FILE} twin. */
  private static String source(Map<String, String> env, String name) {
    return nonBlank(env.get(name + "_FILE")) != null ? name + "_FILE" : name;
  }

  private static String readSecret(String variable, Path file) {
    String where = variable + " names " + SafeText.printable(file.toString());
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(where + ", which is not a regular file");
      }
      if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (mode.contains(PosixFilePermission.GROUP_READ)
            || mode.contains(PosixFilePermission.OTHERS_READ)) {
          throw new IllegalArgumentException(
              where
                  + ", which other users can read ("
                  + PosixFilePermissions.toString(mode)
                  + "): make it readable by its owner alone (chmod 600 FILE)");
        }
      }
      if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
        throw new IllegalArgumentException(where + ", which is too large to hold a secret");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String secret =
          text.endsWith("\r\n")
              ? text.substring(0, text.length() - 2)
              : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      if (secret.isBlank()) {
        throw new IllegalArgumentException(where + ", which is empty");
      }
      return secret;
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IllegalArgumentException(where + ", which is not UTF-8 text");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          where + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
