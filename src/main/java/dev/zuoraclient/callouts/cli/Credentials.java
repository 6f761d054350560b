package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The credentials of a run against a real server. Never from an option's value: a secret on the
 * command line is visible to every user of the machine and kept in shell history.
 *
 * <p>They come from, in this order: environment variables ({@value #ACCESS_TOKEN}, or {@value
 * #CLIENT_ID} and {@value #CLIENT_SECRET}; {@value #ACCESS_TOKEN_FILE} and {@value
 * #CLIENT_SECRET_FILE} name a file holding the secret instead, which keeps it out of the
 * environment, where {@code ps e} and child processes see it); else the {@linkplain Profiles
 * profile}; and a secret that neither gives (the access token, or the secret of a client ID that is
 * given) is read from stdin with {@value #SECRET_STDIN}, or asked for on a terminal without echo
 * ({@link Missing}). A secret file must be a regular file that only its owner can read where the
 * file system has POSIX permissions (as ssh demands of a key).
 *
 * <p>A secret is used exactly as given, never trimmed ({@link SecretText}): a pasted token's line
 * break is refused, naming where it came from, rather than sent, or silently dropped from something
 * that may not be a token at all.
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

  /** The option that reads the missing secret from stdin. */
  static final String SECRET_STDIN = "--secret-stdin";

  private final String accessToken;
  private final String clientId;
  private final String clientSecret;
  private final String source; // where they came from, in words; never a secret
  private final boolean pending; // a dry run's: the secret would be asked for, and was not

  private Credentials(
      String accessToken, String clientId, String clientSecret, String source, boolean pending) {
    this.accessToken = accessToken;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.source = source;
    this.pending = pending;
  }

  /**
   * How a run has the secret that the environment and the profile leave out: the access token when
   * no client ID is given, else the client's secret.
   */
  static final class Missing {
    private enum Way {
      NONE,
      STDIN,
      PROMPT,
      WOULD_PROMPT
    }

    private final Way way;
    private final Terminal terminal;
    private final InputStream stdin;
    private final PrintStream err;

    private Missing(Way way, Terminal terminal, InputStream stdin, PrintStream err) {
      this.way = way;
      this.terminal = terminal;
      this.stdin = stdin;
      this.err = err;
    }

    /** Not had: the run is refused, saying what to set. */
    static Missing none() {
      return new Missing(Way.NONE, null, null, null);
    }

    /** Read from {@code stdin} ({@value #SECRET_STDIN}), whether or not it is missing. */
    static Missing stdin(InputStream stdin) {
      return new Missing(Way.STDIN, null, stdin, null);
    }

    /**
     * Asked for on {@code err} and read from {@code terminal} without echo, when {@code terminal}
     * is {@linkplain Terminal#interactive() interactive}; else not had.
     */
    static Missing prompt(Terminal terminal, PrintStream err) {
      return new Missing(Way.PROMPT, terminal, null, err);
    }

    /**
     * A dry run's: when the terminal is interactive, the secret would be asked for and is not (a
     * dry run uses no credentials); else not had, as in a real run.
     */
    static Missing wouldPrompt(Terminal terminal) {
      return new Missing(Way.WOULD_PROMPT, terminal, null, null);
    }
  }

  /** What the environment or the profile gives, before a missing secret is had. */
  private record Found(
      String token,
      String tokenFrom,
      String clientId,
      String clientIdFrom,
      String secret,
      String secretFrom,
      String profile) {}

  /**
   * The credentials of a run: from {@code env} when any credential variable is set there, else from
   * {@code profile}; a missing secret is had the {@code missing} way.
   *
   * @param profile the run's profile, or null
   * @param server the server, in words, for the question on a terminal; null for none
   * @throws IllegalArgumentException when the credentials are incomplete and {@code missing} cannot
   *     complete them, when {@value #SECRET_STDIN} is given but the secret is there already, or
   *     when a value is not usable (the message never shows a secret)
   */
  static Credentials resolve(
      Map<String, String> env, Profiles.Profile profile, Missing missing, String server) {
    Found found =
        profile == null || !profile.hasCredentials() || !present(env).isEmpty()
            ? fromVariables(env)
            : fromProfile(profile);
    if (found.token != null) {
      refuseStdin(missing, found.tokenFrom, "the access token");
      return new Credentials(found.token, null, null, found.tokenFrom, false);
    }
    if (found.clientId != null && found.secret != null) {
      refuseStdin(missing, found.secretFrom, "the client secret");
      return client(found, found.secret, found.secretFrom, false);
    }
    if (found.clientId == null && found.secret != null) {
      throw new IllegalArgumentException(
          found.profile != null
              ? found.profile
                  + " has "
                  + Profiles.CLIENT_SECRET_FILE
                  + " but no "
                  + Profiles.CLIENT_ID
                  + ": add it, or give an "
                  + Profiles.ACCESS_TOKEN_FILE
                  + " instead"
              : CLIENT_ID
                  + " is not set, but "
                  + found.secretFrom
                  + " is: set both, or "
                  + ACCESS_TOKEN);
    }
    boolean client = found.clientId != null;
    String what =
        client
            ? "Client secret of client "
                + SafeText.printable(found.clientId)
                + " ("
                + found.clientIdFrom
                + ")"
            : "Access token";
    switch (missing.way) {
      case STDIN -> {
        String secret = SecretText.fromStdin(missing.stdin, SECRET_STDIN);
        String from = "the secret on stdin (" + SECRET_STDIN + ")";
        return client
            ? client(found, secret, from, false)
            : new Credentials(secret, null, null, from, false);
      }
      case PROMPT -> {
        if (missing.terminal.interactive()) {
          String secret =
              SecretText.fromTerminal(
                  missing.terminal,
                  missing.err,
                  what
                      + (server == null ? "" : " for " + SafeText.printable(server))
                      + " (typing is not shown): ");
          String from = "the secret typed at the prompt";
          return client
              ? client(found, secret, from, false)
              : new Credentials(secret, null, null, from, false);
        }
      }
      case WOULD_PROMPT -> {
        if (missing.terminal.interactive()) {
          String from =
              (client ? "a client secret" : "an access token") + " asked for at the prompt";
          return client
              ? client(found, null, from, true)
              : new Credentials(null, null, null, from, true);
        }
      }
      case NONE -> {
        // refused below
      }
    }
    throw new IllegalArgumentException(incomplete(found));
  }

  private static Credentials client(Found found, String secret, String from, boolean pending) {
    String id = found.clientIdFrom + " (" + SafeText.printable(found.clientId) + ")";
    return new Credentials(null, found.clientId, secret, id + " and " + from, pending);
  }

  /** What to say when the credentials are incomplete and nothing can complete them. */
  private static String incomplete(Found found) {
    String ways =
        "give the secret with "
            + SECRET_STDIN
            + ", or run the command on a terminal, where it is asked for without being shown";
    if (found.clientId != null) {
      return found.profile != null
          ? found.profile
              + " has "
              + Profiles.CLIENT_ID
              + " but no "
              + Profiles.CLIENT_SECRET_FILE
              + ": add one, or "
              + ways
          : CLIENT_SECRET
              + " is not set (nor "
              + CLIENT_SECRET_FILE
              + "), but "
              + CLIENT_ID
              + " is: set both, or "
              + ACCESS_TOKEN
              + "; or "
              + ways;
    }
    return "no credentials: set "
        + ACCESS_TOKEN
        + ", or "
        + CLIENT_ID
        + " and "
        + CLIENT_SECRET
        + " (each secret may be in a file named by the same variable with _FILE), or name a"
        + " --profile; or "
        + ways
        + " (or use --simulator to try the command without Zuora)";
  }

  private static void refuseStdin(Missing missing, String from, String what) {
    if (missing.way == Missing.Way.STDIN) {
      throw new IllegalArgumentException(
          SECRET_STDIN
              + " is given, but "
              + from
              + " gives "
              + what
              + " already: keep one of them");
    }
  }

  private static Found fromVariables(Map<String, String> env) {
    String token = secret(env, ACCESS_TOKEN);
    String id = nonBlank(env.get(CLIENT_ID));
    if (id != null) {
      SecretText.check(id, CLIENT_ID, "");
    }
    String secret = secret(env, CLIENT_SECRET);
    return new Found(
        token, source(env, ACCESS_TOKEN), id, CLIENT_ID, secret, source(env, CLIENT_SECRET), null);
  }

  private static Found fromProfile(Profiles.Profile profile) {
    String label = profile.label();
    String token =
        profile.accessTokenFile() == null
            ? null
            : SecretText.fromFile(
                Profiles.ACCESS_TOKEN_FILE + " of " + label, profile.accessTokenFile());
    String id = profile.clientId();
    if (id != null) {
      SecretText.check(id, Profiles.CLIENT_ID + " of " + label, "");
    }
    String secret =
        profile.clientSecretFile() == null
            ? null
            : SecretText.fromFile(
                Profiles.CLIENT_SECRET_FILE + " of " + label, profile.clientSecretFile());
    return new Found(
        token,
        Profiles.ACCESS_TOKEN_FILE + " of " + label,
        id,
        Profiles.CLIENT_ID + " of " + label,
        secret,
        Profiles.CLIENT_SECRET_FILE + " of " + label,
        label);
  }

  /**
   * The credential variables set in {@code env} (to a value that is not blank, as {@link #resolve}
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

  /** True when a ready token is given (or would be, in a dry run), so no token request is made. */
  boolean hasAccessToken() {
    return clientId == null;
  }

  /**
   * The fixed access token.
   *
   * @throws IllegalArgumentException when it is malformed (the message never shows it)
   */
  AccessTokenProvider accessToken() {
    return pending ? notAsked() : AccessTokenProvider.fixed(accessToken);
  }

  /**
   * Tokens for the OAuth client. A token is fetched on the first request and reused by every batch
   * of the run (the provider caches it), so a run costs one call to Zuora's rate-limited token
   * endpoint.
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
            .clientSecret(pending ? "not-asked-in-a-dry-run" : clientSecret)
            .httpLogLevel(logLevel)
            .applicationId(CliVersion.USER_AGENT_TOKEN);
    if (baseUrl != null) {
      b.baseUri(baseUrl);
    } else {
      b.environment(environment);
    }
    AccessTokenProvider tokens = b.build(); // checks the server as a real run would
    return pending ? notAsked() : tokens;
  }

  /** A dry run's: it asks for no token, and the secret was never asked for. */
  private static AccessTokenProvider notAsked() {
    return () -> {
      throw new IllegalStateException("a dry run asks for no secret and sends nothing");
    };
  }

  /** Where the credentials come from, for a note on stderr; never a secret. */
  String source() {
    return source;
  }

  @Override
  public String toString() {
    return "Credentials{" + source + ", values not shown}";
  }

  /**
   * The secret in variable {@code name}, or in the file that {@code name_FILE} names; null when
   * neither is set.
   *
   * @throws IllegalArgumentException when both are set, the value is not usable as it is, or the
   *     file is not fit to hold a secret (the message names the file, never what it holds)
   */
  private static String secret(Map<String, String> env, String name) {
    String value = nonBlank(env.get(name));
    String file = nonBlank(env.get(name + "_FILE"));
    if (file == null) {
      if (value != null) {
        SecretText.check(value, name, ", as a pasted value often does");
      }
      return value;
    }
    if (value != null) {
      throw new IllegalArgumentException(
          name + " and " + name + "_FILE are both set: keep one of them");
    }
    return SecretText.fromFile(name + "_FILE", Path.of(file));
  }

  /** Which variable holds the secret {@code name}: itself, or its {@code _FILE} twin. */
  private static String source(Map<String, String> env, String name) {
    return nonBlank(env.get(name + "_FILE")) != null ? name + "_FILE" : name;
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
