package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Where a run goes and with which credentials: the embedded simulator when no server is named and
 * no credentials are set (or with {@code --simulator}), else {@code --base-url} (which overrides
 * {@code --env}) or {@code --env}, else the server of the {@linkplain Profiles profile}, with the
 * credentials of the environment variables, else of the profile ({@link Credentials}).
 */
final class ServerChoice {
  private ServerChoice() {}

  /**
   * Whether the run goes to the embedded simulator.
   *
   * <p>Credentials without a server are refused rather than left unused: they say the operator
   * meant to reach Zuora, and a simulated run would report every ID as resent when nothing left the
   * machine. Only {@code --simulator} makes the simulator the choice then.
   *
   * @param credentials the credential variables that are set ({@link Credentials#present})
   * @throws IllegalArgumentException when {@code --simulator} is combined with a server, or when
   *     credentials are set and no server is named
   */
  static boolean simulator(
      boolean simulatorFlag, String env, String baseUrl, List<String> credentials) {
    return simulator(simulatorFlag, env, baseUrl, null, credentials);
  }

  /**
   * The same, with the run's profile, which names a server: {@code --simulator} overrides it, as a
   * flag overrides a profile.
   *
   * @param profile the run's profile, or null
   */
  static boolean simulator(
      boolean simulatorFlag,
      String env,
      String baseUrl,
      Profiles.Profile profile,
      List<String> credentials) {
    if (simulatorFlag && (env != null || baseUrl != null)) {
      throw new IllegalArgumentException("--simulator cannot be combined with --env or --base-url");
    }
    if (simulatorFlag) {
      return true;
    }
    if (env != null || baseUrl != null || profile != null) {
      return false;
    }
    if (!credentials.isEmpty()) {
      throw new IllegalArgumentException(
          Credentials.areSet(credentials)
              + ", but no server is named: add --env NAME (for example "
              + EnvironmentNames.of(ZuoraEnvironment.US_PRODUCTION_2)
              + ") or --base-url URL to resend through Zuora, or --simulator to try the command"
              + " against the embedded simulator, where the credentials are not used");
    }
    return true;
  }

  /**
   * Points {@code client} at the named server with the credentials in {@code variables}.
   *
   * @return where the run goes and whose credentials it uses
   * @throws RunOptions.BadFlag when {@code --base-url} is refused
   * @throws IllegalArgumentException when the credentials are missing or incomplete
   */
  static ResendRun.Server configure(
      CalloutResendClient.Builder client,
      ZuoraEnvironment environment,
      String baseUrl,
      Map<String, String> variables,
      HttpLogLevel logLevel,
      PrintStream err) {
    return configure(
        client, environment, baseUrl, null, variables, Credentials.Missing.none(), logLevel, err);
  }

  /**
   * Points {@code client} at the server of the flags, else of {@code profile}, with the credentials
   * of the environment variables, else of the profile; a secret that neither gives is had the
   * {@code missing} way. Notes on {@code err} say what overrides what.
   *
   * @param profile the run's profile, or null
   * @return where the run goes and whose credentials it uses
   * @throws RunOptions.BadFlag when {@code --base-url} is refused
   * @throws IllegalArgumentException when the credentials are missing or incomplete
   */
  static ResendRun.Server configure(
      CalloutResendClient.Builder client,
      ZuoraEnvironment environment,
      String baseUrl,
      Profiles.Profile profile,
      Map<String, String> variables,
      Credentials.Missing missing,
      HttpLogLevel logLevel,
      PrintStream err) {
    boolean flags = environment != null || baseUrl != null;
    if (profile != null) {
      err.println("Using " + profile.describe() + ".");
      if (flags) {
        err.println(
            "Note: "
                + (baseUrl != null ? "--base-url" : "--env")
                + " overrides the server of "
                + profile.label()
                + ".");
      }
      List<String> set = Credentials.present(variables);
      if (profile.hasCredentials() && !set.isEmpty()) {
        err.println(
            "Note: "
                + Credentials.areSet(set)
                + ": the credentials of "
                + profile.label()
                + " are not used.");
      }
    }
    ZuoraEnvironment named = flags || profile == null ? environment : profile.environment();
    String url = flags || profile == null ? baseUrl : profile.baseUrl();
    RunReport.Target target;
    if (url != null) {
      baseUrl(() -> client.baseUri(url));
      if (named != null) {
        err.println("Note: --base-url overrides --env.");
      }
      target = RunReport.Target.baseUrl(url);
    } else {
      client.environment(named);
      target = RunReport.Target.environment(named);
    }
    Credentials credentials = Credentials.resolve(variables, profile, missing, target.describe());
    ZuoraEnvironment server = url == null ? named : null;
    AccessTokenProvider tokens =
        credentials.hasAccessToken()
            ? accessToken(credentials)
            : baseUrl(() -> credentials.clientCredentials(server, url, logLevel));
    client.accessTokenProvider(tokens);
    return ResendRun.Server.zuora(target, credentials.source());
  }

  private static AccessTokenProvider accessToken(Credentials credentials) {
    try {
      return credentials.accessToken();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid value for "
              + (credentials.source().startsWith("ZUORA_")
                  ? "environment variable " + credentials.source()
                  : "the access token from " + credentials.source())
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static <T> T baseUrl(java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new RunOptions.BadFlag("--base-url", e.getMessage());
    }
  }
}
