package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, run as on a machine without Zuora credentials (CI's), prints what the
 * README shows under "What the run shows", but for the simulator's port and the request ID.
 */
class ReadmeFirstCommandTest {
  static final Pattern FIRST_COMMAND =
      Pattern.compile("(?m)^```sh\\n.*java -jar target/zuora-callout-resend-cli\\.jar (.*)\\n```$");
  static final Pattern SHOWN_OUTPUT =
      Pattern.compile("(?s)## What the run shows\\n.*?\\n```\\n(.*?)```\\n");

  @Test
  void readmesFirstCommand_printsWhatTheReadmeShows() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher command = FIRST_COMMAND.matcher(readme);
    Matcher shown = SHOWN_OUTPUT.matcher(readme);
    assertThat(command.find()).as("the README's first command").isTrue();
    assertThat(shown.find()).as("the README's output block").isTrue();
    String[] args = CliRun.words(command.group(1));

    CliRun run = CliRun.run(Map.of(), args);

    assertThat(Arrays.asList(args)).first().isEqualTo("resend");
    assertThat(run.status()).as("the README says 3, some failed").isEqualTo(3);
    assertThat(normalised(run.err() + run.out())).isEqualTo(normalised(shown.group(1)));
  }

  /** Without what changes with every run: the simulator's port and the request ID. */
  static String normalised(String output) {
    return output
        .replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://127.0.0.1:PORT")
        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "REQUEST-ID")
        .strip();
  }
}
