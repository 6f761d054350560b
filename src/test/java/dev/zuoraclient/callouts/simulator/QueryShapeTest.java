package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.DataQueryHttp.FROM;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.TO;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's reading of the client's query: the values it holds, and nothing else. */
class QueryShapeTest {

  @Test
  void theClientsQueryWithoutFilters_givesItsWindow_andNoFilter() throws Exception {
    ParsedQuery q = QueryShape.parse(sql(b -> b.to(Instant.parse("2026-12-01T05:06:07.089Z"))));

    assertThat(q.from()).isEqualTo(FROM);
    assertThat(q.successesFrom()).isEqualTo(FROM);
    assertThat(q.to()).isEqualTo(Instant.parse("2026-12-01T05:06:07.089Z"));
    assertThat(q.eventCategories()).isNull();
    assertThat(q.notificationIds()).isNull();
    assertThat(q.objectIds()).isNull();
    assertThat(q.accountIds()).isNull();
    assertThat(q.responseCodes()).isNull();
  }

  @Test
  void everyFilter_isRead_quotesAndNegativeCodesIncluded() throws Exception {
    ParsedQuery q =
        QueryShape.parse(
            sql(
                b ->
                    b.eventCategories(List.of("InvoicePosted", "it's"))
                        .notificationIds(List.of("n1"))
                        .objectIds(List.of("o1", "o2"))
                        .accountIds(List.of("O'Brien", "'); DROP TABLE x; --"))
                        .responseCodes(List.of(500, -1))));

    assertThat(q.eventCategories()).containsExactly("InvoicePosted", "it's");
    assertThat(q.notificationIds()).containsExactly("n1");
    assertThat(q.objectIds()).containsExactly("o1", "o2");
    assertThat(q.accountIds()).containsExactly("O'Brien", "'); DROP TABLE x; --");
    assertThat(q.responseCodes()).containsExactly(500, -1);
  }

  @Test
  void layoutAndKeywordCase_doNotMatter_butLiteralsAreKeptAsTheyAre() throws Exception {
    String sql = sql(b -> b.accountIds(List.of("Acc  One")));
    String relaid = sql.replace(", ", ",\n    ").replace(" AND ", "\n  AND ").replace("(", "( ");
    String lower = sql.replace("SELECT", "select").replace("ORDER BY", "order by");

    assertThat(QueryShape.parse(sql).accountIds()).containsExactly("Acc  One");
    assertThat(QueryShape.parse(lower).accountIds()).containsExactly("Acc  One");
    assertThat(QueryShape.normalize(relaid)).isEqualTo(QueryShape.normalize(sql));
    assertThat(QueryShape.parse(relaid).accountIds()).containsExactly("Acc  One");
  }

  @Test
  void anyOtherQuery_isRefused_sayingWhereItLeftTheShape() {
    String sql = sql();

    assertThatThrownBy(() -> QueryShape.parse("SELECT 1"))
        .isInstanceOf(QueryShape.InvalidQueryException.class)
        .hasMessageStartingWith("Invalid query: ")
        .hasMessageContaining("at \"1\"");
    assertThatThrownBy(() -> QueryShape.parse(sql + "; DELETE FROM notificationhistorycallout"))
        .hasMessageContaining("after ORDER BY");
    assertThatThrownBy(() -> QueryShape.parse(sql.replace("f.Id AS id,", "f.Id AS id, f.Secret,")))
        .hasMessageContaining("f.Secret");
    assertThatThrownBy(
            () -> QueryShape.parse(sql.replace("2026-12-02 00:00:00.000 UTC", "yesterday")))
        .hasMessageContaining("timestamp");
    assertThatThrownBy(
            () ->
                QueryShape.parse(
                    sql.replace(
                        "\nORDER", " AND f.ObjectId IN ('a') AND f.ObjectId IN ('b')\nORDER")))
        .hasMessageContaining("filtered twice");
    assertThatThrownBy(
            () -> QueryShape.parse(sql.replace("\nORDER", " AND f.ObjectId IN ('a)\nORDER")))
        .hasMessageContaining("not closed");
    assertThatThrownBy(() -> QueryShape.parse(sql.replace("\nORDER", " OR 1 = 1\nORDER")))
        .hasMessageStartingWith("Invalid query: ");
  }

  @Test
  void theRowsMeaning_isTheSqls() throws Exception {
    ParsedQuery q = QueryShape.parse(sql(b -> b.accountIds(List.of("a1"))));
    CalloutRecord failure = CalloutRecord.failed("x", FROM, 500).withAccount("a1");

    assertThat(q.matches(failure)).isTrue();
    assertThat(q.matches(failure.withResponseCode(204))).isFalse();
    assertThat(q.matches(failure.withAccount(null))).isFalse();
    assertThat(q.matches(new CalloutRecord("x", TO, 500, null, null, null, "a1"))).isFalse();
    assertThat(q.matches(new CalloutRecord("x", FROM.minusMillis(1), 500, null, null, null, "a1")))
        .isFalse();
  }
}
