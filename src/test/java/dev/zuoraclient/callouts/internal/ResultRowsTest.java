package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The result file's time fast path reads what the formatter reads, and only that. */
class ResultRowsTest {
  @Property(tries = 2000)
  void theFastPath_agreesWithTheFormatter(
      @ForAll @LongRange(min = 0, max = 253_402_300_799_999L) long millis) {
    String text = Instant.ofEpochMilli(millis).toString();
    // Instant.toString drops zero fractions; Trino always writes three digits
    String trino =
        text.length() == 20 ? text.substring(0, 19) + ".000Z" : text.substring(0, 23) + "Z";
    assertThat(ResultRows.utcMillis(trino)).isEqualTo(OffsetDateTime.parse(trino).toInstant());
  }

  @Test
  void otherForms_goToTheFormatter() {
    assertThat(ResultRows.utcMillis("2026-12-01T02:00:00Z")).isNull();
    assertThat(ResultRows.utcMillis("2026-12-01T02:00:00.000+01:00")).isNull();
    assertThat(ResultRows.utcMillis("2026-02-30T02:00:00.000Z")).isNull();
    assertThat(ResultRows.utcMillis("2026-13-01T02:00:00.000Z")).isNull();
    assertThat(ResultRows.utcMillis("2026-12-01T24:00:00.000Z")).isNull();
    assertThat(ResultRows.utcMillis("2026-12-01T02:00:0x.000Z")).isNull();
    assertThat(ResultRows.utcMillis("2026-12-01 02:00:00.000Z")).isNull();
  }
}
