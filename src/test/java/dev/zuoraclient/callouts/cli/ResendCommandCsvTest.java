package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Data Query CSV export given as {@code --ids-file}: its Id column is sent, nothing else. */
class ResendCommandCsvTest {
  static final String TOKEN = "cli-csv-token-7f0c";
  static final Map<String, String> ENV = Map.of("ZUORA_ACCESS_TOKEN", TOKEN);
  static final String EXPORT =
      "Id,ResponseCode,RequestUrl,EventCategory\r\n"
          + "c1,500,https://hooks.example.com/a,1000\r\n"
          + "c2,502,\"https://hooks.example.com/b?x=1,2\",1000\r\n"
          + "c1,500,https://hooks.example.com/a,1000\r\n";

  @TempDir Path dir;

  private ZuoraSimulator zuora;

  @BeforeEach
  void start() {
    zuora = ZuoraSimulator.builder().acceptToken(TOKEN).knownIds("c1", "c2").start();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  @Test
  void aDataQueryExport_sendsItsIdColumn_once_each() throws Exception {
    Path file = Files.writeString(dir.resolve("failed.csv"), EXPORT);

    CliRun run =
        CliRun.run(
            ENV, "resend", "--base-url", zuora.baseUri().toString(), "--ids-file", file.toString());

    assertThat(run.status()).isZero();
    assertThat(zuora.requests()).hasSize(1);
    assertThat(zuora.requests().get(0).ids()).containsExactly("c1", "c2");
    assertThat(run.out()).startsWith("Accepted 2 of 2 callout notifications");
  }

  @Test
  void aCsvOnStdin_isReadTheSameWay() {
    CliRun run =
        CliRun.run(
            ENV,
            new ByteArrayInputStream(EXPORT.getBytes(StandardCharsets.UTF_8)),
            CliRun.words("resend --base-url " + zuora.baseUri() + " --ids-file -"));

    assertThat(run.status()).isZero();
    assertThat(zuora.requests().get(0).ids()).containsExactly("c1", "c2");
  }

  @Test
  void aCsvWithoutAnIdColumn_isAUsageError_namingTheLine_andSendsNothing() throws Exception {
    Path file =
        Files.writeString(dir.resolve("wrong.csv"), "AccountId,ResponseCode\nc1,500\nc2,502\n");

    CliRun run =
        CliRun.run(
            ENV,
            "resend",
            "--base-url",
            zuora.baseUri().toString(),
            "-o",
            "json",
            "--ids-file",
            file.toString());

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    String error =
        "Line 1 of --ids-file '"
            + file
            + "' looks like a CSV header (it holds a comma) but has no Id column (it has:"
            + " AccountId, ResponseCode)";
    assertThat(run.err()).contains("error: " + error);
    assertThat(new ObjectMapper().readTree(run.out()).get("error").asText()).startsWith(error);
    assertThat(zuora.requests()).isEmpty();
  }
}
