package dev.zuoraclient.callouts.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * A build step of the operators' distribution (phase prepare-package): writes the man page and the
 * bash/zsh completion script from the command line's own picocli model, so that neither can
 * disagree with {@code --help}.
 *
 * <p>Arguments: the output directory, the version, and {@code project.build.outputTimestamp} (the
 * page's date: two builds of one commit write the same bytes).
 */
public final class DistributionDocs {
  private DistributionDocs() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    String version = args[1];
    String date =
        DateTimeFormatter.ISO_LOCAL_DATE.format(
            Instant.parse(args[2]).atZone(ZoneOffset.UTC).toLocalDate());
    CliContext context =
        new CliContext(InputStream.nullInputStream(), System.out, System.err, Map.of());
    CommandLine cli = Main.commandLine(context, List.of(), Terminal.none(), null);

    write(dir.resolve("man/man1/" + CliVersion.NAME + ".1"), ManPage.render(cli, version, date));
    // One script for both shells: under zsh it loads bash's completion system (bashcompinit).
    write(
        dir.resolve("completion/" + CliVersion.NAME + ".bash"),
        AutoComplete.bash(CliVersion.NAME, cli));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
