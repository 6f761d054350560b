package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The query's shape is the builder's alone: whatever a filter value holds, the SQL, read by a
 * tokenizer that follows Trino's lexical rules (string literals with doubled quotes, quoted
 * identifiers, line and block comments), has the same tokens outside literals as with a plain
 * value, and each literal reads back as the value given.
 */
class FailedCalloutSqlTest {
  private static final Instant FROM = Instant.parse("2026-12-01T02:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-01T06:30:00.250Z");

  private static final List<String> HOSTILE =
      List.of(
          "'",
          "''",
          "x' OR '1'='1",
          "a'); DROP TABLE account; --",
          "-- comment",
          "/* open comment",
          "*/",
          "; SELECT 1",
          "\\'",
          "\"quoted identifier\"",
          "\u2019 right single quote \u02bc modifier apostrophe \uff07 fullwidth",
          "\u201c\u201d \u2032 prime",
          "emoji \ud83d\ude00 and CJK \u6f22\u5b57",
          "%_ wildcards",
          "${injection} #{x}",
          "trailing backslash \\");

  @Test
  void theQuery_hasItsDocumentedShape() {
    String sql =
        FailedCalloutSql.of(
            FailedCalloutQuery.builder()
                .from(FROM)
                .to(TO)
                .eventCategories(List.of("Invoice Posted"))
                .responseCodes(List.of(500, -1))
                .build());
    assertThat(sql)
        .startsWith(
            "SELECT f.Id AS id, to_iso8601(f.CreateTime AT TIME ZONE 'UTC') AS create_time,")
        .contains("FROM notificationhistorycallout f\n")
        .contains(
            "WHERE f.CreateTime >= TIMESTAMP '2026-12-01 02:00:00.000 UTC'"
                + " AND f.CreateTime < TIMESTAMP '2026-12-01 06:30:00.250 UTC'"
                + " AND NOT (f.ResponseCode BETWEEN 200 AND 299)"
                + " AND f.EventCategory IN ('Invoice Posted')"
                + " AND f.ResponseCode IN (500, -1)\n")
        .contains("AND CreateTime >= TIMESTAMP '2026-12-01 02:00:00.000 UTC' GROUP BY")
        .endsWith("ORDER BY f.CreateTime, f.Id");
    for (String column : FailedCalloutSql.COLUMNS) {
      assertThat(sql).contains(" AS " + column);
    }
  }

  @Test
  void everyHostileValue_staysOneLiteral_inEveryFilter() {
    for (String value : HOSTILE) {
      assertShapeKept(value);
    }
  }

  @Property(tries = 500)
  void anyValue_staysOneLiteral(@ForAll("values") String value) {
    assertShapeKept(value);
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<Character> tricky =
        Arbitraries.of('\'', '"', '-', '/', '*', ';', '\\', ' ', '\u2019', '\uff07', 'a', '(', ')');
    return Arbitraries.oneOf(
            tricky.list().ofMinSize(1).ofMaxSize(40).map(FailedCalloutSqlTest::join),
            Arbitraries.strings().ofMinLength(1).ofMaxLength(60))
        .filter(FailedCalloutSqlTest::accepted);
  }

  private static boolean accepted(String value) {
    try {
      query(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false; // refused before any SQL is built
    }
  }

  private static String join(List<Character> cs) {
    StringBuilder sb = new StringBuilder();
    cs.forEach(sb::append);
    return sb.toString();
  }

  private static void assertShapeKept(String value) {
    FailedCalloutQuery plain = query("plain");
    FailedCalloutQuery hostile = query(value);
    List<String> expected = tokens(FailedCalloutSql.of(plain));
    List<String> actual = tokens(FailedCalloutSql.of(hostile));
    assertThat(shape(actual)).as("the shape with %s", value).isEqualTo(shape(expected));
    List<String> literals =
        actual.stream().filter(t -> t.startsWith("'")).map(FailedCalloutSqlTest::unquote).toList();
    assertThat(literals).as("the literals with %s", value).contains(value);
    assertThat(literals.stream().filter(value::equals).count()).isEqualTo(4);
  }

  private static FailedCalloutQuery query(String value) {
    return FailedCalloutQuery.builder()
        .from(FROM)
        .to(TO)
        .eventCategories(List.of(value))
        .notificationIds(List.of(value))
        .objectIds(List.of(value))
        .accountIds(List.of(value))
        .build();
  }

  /** The tokens, with each string literal replaced by a placeholder. */
  private static List<String> shape(List<String> tokens) {
    return tokens.stream().map(t -> t.startsWith("'") && !isFixed(t) ? "<literal>" : t).toList();
  }

  private static final Set<String> FIXED = Set.of("'UTC'");

  private static boolean isFixed(String literal) {
    return FIXED.contains(literal) || literal.startsWith("'2026-");
  }

  private static String unquote(String literal) {
    return literal.substring(1, literal.length() - 1).replace("''", "'");
  }

  /**
   * Trino's lexical structure, enough to tell literals, quoted identifiers, comments, words and
   * punctuation apart. A comment is a token of its own, so that a value that opened one would show.
   */
  static List<String> tokens(String sql) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int j = i + 1;
        while (true) {
          if (j >= n) {
            throw new AssertionError("unterminated literal at " + i + " in " + sql);
          }
          if (sql.charAt(j) == '\'') {
            if (j + 1 < n && sql.charAt(j + 1) == '\'') {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        out.add(sql.substring(i, j + 1));
        i = j + 1;
      } else if (c == '"') {
        int j = sql.indexOf('"', i + 1);
        out.add("IDENT:" + sql.substring(i, j + 1));
        i = j + 1;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int j = sql.indexOf('\n', i);
        out.add("COMMENT");
        i = j < 0 ? n : j;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int j = sql.indexOf("*/", i + 2);
        out.add("COMMENT");
        i = j < 0 ? n : j + 2;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
          j++;
        }
        out.add(sql.substring(i, j));
        i = j;
      } else {
        out.add(String.valueOf(c));
        i++;
      }
    }
    return out;
  }

  @Test
  void theTokenizer_seesAnInjection_whenQuotesAreNotDoubled() {
    // The proof has teeth: the same value, spliced in without doubling its quote, changes the
    // shape.
    String naive = FailedCalloutSql.of(query("plain")).replace("'plain'", "'x' OR '1'='1'");
    assertThat(shape(tokens(naive)))
        .isNotEqualTo(shape(tokens(FailedCalloutSql.of(query("plain")))));
  }
}
