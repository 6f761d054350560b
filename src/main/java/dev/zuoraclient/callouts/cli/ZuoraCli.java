package dev.zuoraclient.callouts.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code zuora-callout-resend}: it only holds the subcommands, so that the tool
 * can grow (for example a command listing failed callouts) without changing how {@code resend} is
 * invoked. {@code help} and {@code help resend} print the help, as {@code --help} does, for those
 * who type it as git and gh have taught them.
 */
@Command(
    name = CliVersion.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    description = "Operator tools for Zuora callout notifications.",
    subcommands = {ResendCommand.class, FailedCommand.class, HelpCommand.class})
final class ZuoraCli implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing required subcommand: resend, failed (or help)");
  }
}
