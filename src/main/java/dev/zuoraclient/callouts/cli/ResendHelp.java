package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.internal.Durations;
import dev.zuoraclient.callouts.internal.ErrorRules;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;

/**
 * The {@code resend} subcommand's help text, as picocli's resource bundle: the words live in {@code
 * resend-help.properties}; this class adds the values they quote from the code ({@code
 * ${bundle:spec.max-ids}} and the like), so that a change of the spec or of the retry rule changes
 * the help without anyone editing it.
 */
public final class ResendHelp extends ListResourceBundle {
  static final String TEXT = "resend-help.properties";

  /** The values the help text quotes, by key. */
  static final Map<String, String> QUOTED =
      Map.of(
          "spec.max-ids", SpecRules.MAX_IDS_TEXT,
          "spec.track-id-max-length", String.valueOf(SpecRules.ZUORA_TRACK_ID_MAX_LENGTH),
          "errors.retried-statuses", ErrorRules.RETRIED_STATUSES,
          "simulator.unknown-prefix", ZuoraSimulator.UNKNOWN_ID_PREFIX,
          "confirm.threshold", String.valueOf(Confirmation.THRESHOLD),
          "stop.grace", Durations.seconds(StopSignals.GRACE),
          "client.attempt-timeout",
              Durations.seconds(CalloutResendClient.Builder.DEFAULT_ATTEMPT_TIMEOUT));

  /** For {@link java.util.ResourceBundle#getBundle}, which picocli calls. */
  public ResendHelp() {}

  @Override
  protected Object[][] getContents() {
    InputStream in = ResendHelp.class.getResourceAsStream(TEXT);
    if (in == null) {
      throw new MissingResourceException(
          "the help text " + TEXT + " is not on the class path", ResendHelp.class.getName(), "");
    }
    Properties text = new Properties();
    try (in;
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      text.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TEXT, e);
    }
    List<Object[]> contents = new ArrayList<>();
    text.forEach((key, value) -> contents.add(new Object[] {key, value}));
    QUOTED.forEach((key, value) -> contents.add(new Object[] {key, value}));
    return contents.toArray(new Object[0][]);
  }
}
