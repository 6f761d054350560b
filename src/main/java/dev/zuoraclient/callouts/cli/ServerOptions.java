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
   * What these options name, checked before anything else a command reads (its IDs, say): the
   * server is set up later, by {@link Choice#configure}.
   *
   * @throws IllegalArgumentException a usage error, in words for the operator
   */
  Choice read(CliContext context) {
    ZuoraEnvironment environment;
    try {
      environment = env == null ? null : EnvironmentNames.parse(env);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid value for option '--env': " + e.getMessage(), e);
    }
    if (simulator && profile != null) {
      throw new IllegalArgumentException("--simulator cannot be combined with --profile");
    }
    // --simulator overrides a profile named by ZUORA_PROFILE, as any flag overrides the profile.
    Profiles.Profile selected = simulator ? null : Profiles.select(profile, context.env());
    List<String> credentials = new ArrayList<>(Credentials.present(context.env()));
    if (secretStdin) {
      credentials.add(Credentials.SECRET_STDIN);
    }
    boolean useSimulator = ServerChoice.simulator(simulator, env, baseUrl, selected, credentials);
    return new Choice(environment, selected, List.copyOf(credentials), useSimulator);
  }

  /** {@link #read} then {@link Choice#configure}, for a command with nothing to read between. */
  ResendRun.Server choose(
      CalloutResendClient.Builder client,
      CliContext context,
      Credentials.Missing missing,
      HttpLogLevel tokenLogLevel) {
    return read(context).configure(client, context, missing, tokenLogLevel);
  }

  /** Whether the secret comes on stdin ({@code --secret-stdin}). */
  boolean secretStdin() {
    return secretStdin;
  }

  /**
   * The server the options name, read and checked: {@code --env}'s environment, the run's profile,
   * the names of the credentials given (variables, {@code --secret-stdin}), and whether the run
   * uses the embedded simulator.
   */
  final class Choice {
    private final ZuoraEnvironment environment;
    private final Profiles.Profile profile;
    private final List<String> credentials;
    private final boolean useSimulator;

    private Choice(
        ZuoraEnvironment environment,
        Profiles.Profile profile,
        List<String> credentials,
        boolean useSimulator) {
      this.environment = environment;
      this.profile = profile;
      this.credentials = credentials;
      this.useSimulator = useSimulator;
    }

    /**
     * Points {@code client} at the server chosen, or says it is the simulator.
     *
     * @param missing how to have a secret neither the environment nor the profile gives (with
     *     {@code --secret-stdin}, stdin's line instead)
     * @throws IllegalArgumentException a usage error, in words for the operator
     * @throws RunOptions.BadFlag a refused {@code --base-url}
     */
    ResendRun.Server configure(
        CalloutResendClient.Builder client,
        CliContext context,
        Credentials.Missing missing,
        HttpLogLevel tokenLogLevel) {
      if (useSimulator) {
        return ResendRun.Server.simulator(simulator, credentials);
      }
      return ServerChoice.configure(
          client,
          environment,
          baseUrl,
          profile,
          context.env(),
          secretStdin ? Credentials.Missing.stdin(context.stdin()) : missing,
          tokenLogLevel,
          context.err());
    }
  }
}
