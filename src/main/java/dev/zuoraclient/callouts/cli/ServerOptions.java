package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which server a command talks to and with whose credentials: {@code --env}, {@code --base-url},
 * {@code --simulator}, {@code --profile} and {@code --secret-stdin}, read by the same rules for
 * every command ({@link ServerChoice}). Without a server named, the embedded simulator; with
 * credentials set but no server named, a usage error.
 */
final class ServerOptions {
  @Option(
      names = "--env",
      paramLabel = "NAME",
      completionCandidates = EnvironmentNames.class,
      description = "Zuora's server: ${COMPLETION-CANDIDATES}.")
  String env;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "Any server (https, or http on loopback); overrides --env.")
  String baseUrl;

  @Option(
      names = "--simulator",
      description =
          "Use the embedded Zuora simulator (the default without --env, --base-url and credentials).")
  boolean simulator;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Use the server and credentials of profile NAME (default: $ZUORA_PROFILE).")
  String profile;

  @Option(names = Credentials.SECRET_STDIN, description = "Read the secret from stdin (one line).")
  boolean secretStdin;

  /**
   * Points {@code client} at the server these options name, or says it is the simulator.
   *
   * @param missing how to have a secret neither the environment nor the profile gives
   * @throws IllegalArgumentException a usage error, in words for the operator
   * @throws RunOptions.BadFlag a refused {@code --base-url}
   */
  ResendRun.Server choose(
      CalloutResendClient.Builder client,
      CliContext context,
      Credentials.Missing missing,
      HttpLogLevel tokenLogLevel) {
    ZuoraEnvironment environment = env == null ? null : EnvironmentNames.parse(env);
    if (simulator && profile != null) {
      throw new IllegalArgumentException("--simulator cannot be combined with --profile");
    }
    Profiles.Profile selected = simulator ? null : Profiles.select(profile, context.env());
    List<String> credentials = new ArrayList<>(Credentials.present(context.env()));
    if (secretStdin) {
      credentials.add(Credentials.SECRET_STDIN);
    }
    if (ServerChoice.simulator(simulator, env, baseUrl, selected, credentials)) {
      return ResendRun.Server.simulator(simulator, credentials);
    }
    return ServerChoice.configure(
        client,
        environment,
        baseUrl,
        selected,
        context.env(),
        secretStdin ? Credentials.Missing.stdin(context.stdin()) : missing,
        tokenLogLevel,
        context.err());
  }
}
