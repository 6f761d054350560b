package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as a real process on a pseudo-terminal ({@code script}): with stdout on the terminal,
 * a wrong token over 500 IDs leads with the cause and cuts the table to its first rows, naming the
 * file in the temp dir that holds them all; with stdout sent to a file, the table is complete.
 */
@EnabledOnOs(OS.LINUX)
class CauseFirstProcessTest {
  private ZuoraSimulator zuora;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script");
    zuora = ZuoraSimulator.builder().acceptToken(CauseFirstTest.TOKEN).start();
  }

  @AfterEach
  void stop() {
    if (zuora != null) {
      zuora.close();
    }
  }

  /** Runs {@code java ... resend ...} under {@code script}; returns what the terminal showed. */
  private String onATerminal(String redirect) throws Exception {
    Path ids = dir.resolve("ids.txt");
    Files.write(ids, CauseFirstTest.ids("r", 500));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    String command =
        ConfirmationTest.java()
            + " -XX:-UsePerfData -Djava.io.tmpdir="
            + ConfirmationTest.quoted(tmp.toString())
            + " -cp "
            + ConfirmationTest.quoted(System.getProperty("java.class.path"))
            + " "
            + Main.class.getName()
            + " resend --base-url "
            + zuora.baseUri()
            + " --ids-file "
            + ConfirmationTest.quoted(ids.toString())
            + redirect
            + "; echo \"status=$?\"";
    ProcessBuilder pb = ConfirmationTest.underScript(command).redirectErrorStream(true);
    pb.environment().put("ZUORA_ACCESS_TOKEN", CauseFirstTest.WRONG_TOKEN);
    Process p = pb.start();
    p.getOutputStream().close();
    String seen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(zuora.totalResends()).isZero();
    return visible(seen.replace("\r\n", "\n"));
  }

  /**
   * What the terminal shows of each line: the text after its last carriage return, without the
   * "erase to the end of the line" sequences (the live status line is drawn, then taken down, that
   * way before the report).
   */
  static String visible(String typed) {
    StringBuilder shown = new StringBuilder();
    for (String line : typed.split("\n", -1)) {
      String text = line.substring(line.lastIndexOf('\r') + 1).replace("\u001b[K", "");
      shown.append(text).append('\n');
    }
    return shown.substring(0, shown.length() - 1);
  }

  @Test
  void onATerminal_theCauseLeads_theTableShowsTwentyRows_andTheFileHoldsAll500() throws Exception {
    String seen = onATerminal("");

    assertThat(seen).contains("status=" + ExitCodes.ERROR);
    List<String> lines = seen.lines().toList();
    assertThat(lines.size()).as("lines on the terminal").isLessThan(50);
    int cause = lines.indexOf("Accepted 0 of 500 callout notifications: 0 failed, 500 unresolved.");
    assertThat(cause).isPositive();
    assertThat(lines.get(cause - 1))
        .startsWith("Cause: Zuora rejected the access token (401)")
        .endsWith(
            ". Check the credentials (ZUORA_ACCESS_TOKEN) and that the tenant is on --base-url "
                + zuora.baseUri()
                + " (a token from another environment is refused).");
    assertThat(seen)
        .contains("  r20  1      not resent: Zuora answered 401")
        .doesNotContain("  r21 ");
    Matcher m =
        Pattern.compile("  \\.\\.\\. and 480 more: all 500 are in (\\S+) \\(one ID per line")
            .matcher(seen);
    assertThat(m.find()).as(seen).isTrue();
    Path list = Path.of(m.group(1));
    assertThat(list.getParent()).isEqualTo(dir.resolve("tmp"));
    assertThat(list.getFileName().toString()).startsWith("zuora-resend-unresolved-");
    assertThat(Files.readAllLines(list)).isEqualTo(CauseFirstTest.ids("r", 500));
    CauseFirstTest.assertOwnerOnly(list);
    assertThat(seen).doesNotContain(CauseFirstTest.WRONG_TOKEN);
  }

  @Test
  void withStdoutInAFile_theTableIsComplete() throws Exception {
    Path report = dir.resolve("report.txt");

    String seen = onATerminal(" > " + ConfirmationTest.quoted(report.toString()));

    assertThat(seen).contains("status=" + ExitCodes.ERROR);
    String out = Files.readString(report);
    assertThat(out).startsWith("Cause: Zuora rejected the access token (401)");
    for (String id : CauseFirstTest.ids("r", 500)) {
      assertThat(out).containsPattern("(?m)^  " + id + " +1 +not resent: Zuora answered 401$");
    }
    assertThat(out).doesNotContain("more: all");
    try (var files = Files.list(dir.resolve("tmp"))) {
      assertThat(files).isEmpty();
    }
  }
}
