package dev.zuoraclient.callouts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.internal.IdRules;
import dev.zuoraclient.callouts.internal.SpecRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The numbers the docs quote from the spec (the IDs per request, the headers' lengths) are the
 * spec's: when the spec changes, this test names each line to update. Each phrase must occur
 * somewhere, so that rewording a sentence cannot quietly take it out of the check.
 */
class SpecNumbersInDocsTest {
  static final List<Path> DOCS = docs();

  /** A phrase the docs use for a value from the spec, its number in group 1; and the value. */
  static final Map<Pattern, Integer> PHRASES =
      Map.ofEntries(
          Map.entry(Pattern.compile("(\\d+)-ID limit"), SpecRules.MAX_IDS),
          Map.entry(Pattern.compile("For more than (\\d+) IDs"), SpecRules.MAX_IDS),
          Map.entry(Pattern.compile("batches of up to (\\d+)"), SpecRules.MAX_IDS),
          Map.entry(Pattern.compile("\\b1 to (\\d+)(?= per|\\.)"), SpecRules.MAX_IDS),
          Map.entry(Pattern.compile("between 1 and (\\d+)"), SpecRules.MAX_IDS),
          Map.entry(Pattern.compile("`--batch-size N` \\| `(\\d+)`"), SpecRules.MAX_IDS),
          // a full batch in a log example (the last batch of one is shorter)
          Map.entry(
              Pattern.compile("(?<!batch 3/3 )attempt \\d/\\d ---> POST \\S+ \\((\\d+) IDs\\)"),
              SpecRules.MAX_IDS),
          Map.entry(
              Pattern.compile("1\\.\\.(\\d+) printable US-ASCII, none of"),
              SpecRules.ZUORA_TRACK_ID.maxLength()),
          Map.entry(
              Pattern.compile("up to (\\d+) printable US-ASCII characters"),
              SpecRules.ZUORA_TRACK_ID.maxLength()),
          Map.entry(
              Pattern.compile("1\\.\\.(\\d+) printable US-ASCII, no spaces"),
              SpecRules.IDEMPOTENCY_KEY.maxLength()),
          Map.entry(Pattern.compile("each at most (\\d+) characters"), IdRules.MAX_LENGTH));

  @Test
  void everyNumberTheDocsQuoteFromTheSpec_isTheSpecs() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<Pattern, Integer> phrase : PHRASES.entrySet()) {
      int found = 0;
      for (Path doc : DOCS) {
        List<String> lines = Files.readAllLines(doc);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = phrase.getKey().matcher(lines.get(i));
          while (m.find()) {
            found++;
            if (Integer.parseInt(m.group(1)) != phrase.getValue()) {
              wrong.add(
                  doc
                      + ":"
                      + (i + 1)
                      + ": '"
                      + m.group()
                      + "', the spec says "
                      + phrase.getValue());
            }
          }
        }
      }
      assertThat(found).as("the docs use the phrase %s", phrase.getKey()).isPositive();
    }
    assertThat(wrong).as("numbers the docs quote from the spec").isEmpty();
  }

  private static List<Path> docs() {
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      List<Path> out = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md")));
      out.addAll(files.filter(f -> f.toString().endsWith(".md")).sorted().toList());
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
