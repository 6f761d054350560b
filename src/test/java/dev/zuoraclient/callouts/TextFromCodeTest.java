package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.internal.RunMachineryAccess;
import dev.zuoraclient.callouts.internal.StatusRules;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Numbers and lists that words repeat from code, checked against the code they come from. */
class TextFromCodeTest {

  @Test
  void theHelpsConcurrency_startsWhereTheLimiterStarts() throws Exception {
    Properties help = new Properties();
    try (InputStream in =
        getClass().getResourceAsStream("/dev/zuoraclient/callouts/cli/resend-help.properties")) {
      help.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }

    assertThat(help.getProperty("concurrency"))
        .contains(
            "the run starts with " + RunMachineryAccess.INITIAL_LIMIT + " (or N, when lower)");
    assertThat(source("BatchOptions.java"))
        .contains("it starts with " + RunMachineryAccess.INITIAL_LIMIT + " (or the concurrency");
  }

  @Test
  void theServerExceptionsJavadoc_namesThe5xxGivenBeforeAnyWork() throws Exception {
    List<String> before =
        IntStream.rangeClosed(500, 599)
            .filter(s -> !StatusRules.maybeResentStatus(s))
            .mapToObj(String::valueOf)
            .toList();
    List<String> words = new ArrayList<>(before.subList(0, before.size() - 1));
    String listed = String.join(", ", words) + " and " + before.get(before.size() - 1);

    assertThat(source("exception/ZuoraServerException.java").replaceAll("\\s+\\*\\s+", " "))
        .contains("Except for " + listed + ", the platform may have resent notifications");
  }

  private static String source(String file) throws Exception {
    return Files.readString(Path.of("src/main/java/dev/zuoraclient/callouts", file));
  }
}
