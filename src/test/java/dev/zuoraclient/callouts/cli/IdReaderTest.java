package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdReaderTest {

  private static ByteArrayInputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void positionalIds_comeFirst_thenFileLines_inOrder_withRepeatsDropped() throws Exception {
    List<String> ids = IdReader.read(List.of("b", "a"), "-", stdin("c\na\nd\n"));

    assertThat(ids).containsExactly("b", "a", "c", "d");
  }

  @Test
  void aLeadingByteOrderMark_andWindowsLineEnds_areNotPartOfAnId() throws Exception {
    List<String> ids = IdReader.read(List.of(), "-", stdin("\uFEFFx1\r\nx2\r\n"));

    assertThat(ids).containsExactly("x1", "x2");
  }

  @Test
  void positionalIds_areStrippedLikeFileLines_andALookAlikeCountsOnce() throws Exception {
    List<String> ids = IdReader.read(List.of(" x ", "x\u00a0", "\u3000y"), "-", stdin("y\u202f\n"));

    assertThat(ids).containsExactly("x", "y");
  }

  @Test
  void aByteOrderMarkAfterTheFirstLine_isRefused_notSkipped() {
    assertThatThrownBy(() -> IdReader.read(List.of(), "-", stdin("x1\n\uFEFFx2\n")))
        .isInstanceOf(IdReader.InvalidIdException.class)
        .hasMessageStartingWith("The ID on line 2 of stdin (--ids-file -) must not contain")
        .hasMessageContaining("U+FEFF");
  }

  @Test
  void aHashInsideAnId_isKept() throws Exception {
    assertThat(IdReader.read(List.of(), "-", stdin("a#1\n#comment\n"))).containsExactly("a#1");
  }

  // --- a CSV export with an Id column

  @Test
  void aDataQueryCsvExport_givesItsIdColumn_notItsHeaderNorItsOtherColumns() throws Exception {
    String csv =
        "Id,ResponseCode,RequestUrl,CreatedDate\r\n"
            + "2c92a0f96bd69165016bdcbf55ad5e62,500,https://hooks.example.com/a?x=1,2024-05-01\r\n"
            + "2c92a0f96bd69165016bdcbf55ad5e63,404,\"https://hooks.example.com/b,c\",2024-05-02\r\n";

    assertThat(IdReader.read(List.of(), "-", stdin(csv)))
        .containsExactly("2c92a0f96bd69165016bdcbf55ad5e62", "2c92a0f96bd69165016bdcbf55ad5e63");
  }

  @Test
  void quotedFields_mayHoldCommasQuotesAndLineBreaks_perRfc4180() throws Exception {
    String csv =
        "\"ResponseContent\",\"Id\"\n"
            + "\"He said \"\"no\"\", twice\",\"id-1\"\n"
            + "\"two\nlines, and more\",id-2\n"
            + "\n"
            + ",\" id-3\u00a0\"\n";

    assertThat(IdReader.read(List.of(), "-", stdin(csv))).containsExactly("id-1", "id-2", "id-3");
  }

  @Test
  void aTableQualifiedIdColumn_orAnIdColumnAlone_isTheIdColumnToo() throws Exception {
    assertThat(
            IdReader.read(
                List.of(),
                "-",
                stdin("\uFEFFnotificationhistorycallout.Id,account.Name\nid-1,Acme\n")))
        .containsExactly("id-1");
    assertThat(IdReader.read(List.of(), "-", stdin("# export of 2024-05-01\nID\nid-1\nid-2\n")))
        .as("a Data Query of the Id column alone: its header has no comma")
        .containsExactly("id-1", "id-2");
    assertThat(IdReader.read(List.of(), "-", stdin("Id,account.Id\nid-1,acc-1\n")))
        .as("Id itself wins over a qualified one")
        .containsExactly("id-1");
  }

  @Test
  void aHeaderWithCommasAndNoIdColumn_isRefused_namingTheLineAndTheColumns() {
    assertThatThrownBy(
            () -> IdReader.read(List.of(), "-", stdin("\n# ids\nName,ResponseCode\nx,500\n")))
        .isInstanceOf(IdReader.InvalidIdException.class)
        .hasMessage(
            "Line 3 of stdin (--ids-file -) looks like a CSV header (it holds a comma) but has no"
                + " Id column (it has: Name, ResponseCode): export the Id column, or give one"
                + " callout history ID per line");
    assertThatThrownBy(() -> IdReader.read(List.of(), "-", stdin("id-1,500\nid-2,404\n")))
        .as("a CSV without its header")
        .isInstanceOf(IdReader.InvalidIdException.class)
        .hasMessageContaining("Line 1 of stdin (--ids-file -) looks like a CSV header");
    assertThatThrownBy(() -> IdReader.read(List.of(), "-", stdin("a.Id,b.Id\nx,y\n")))
        .isInstanceOf(IdReader.InvalidIdException.class)
        .hasMessageContaining("is a CSV header with 2 Id columns (it has: a.Id, b.Id)");
  }

  @Test
  void aRecordThatDoesNotFitTheHeader_isRefused_namingItsLine() {
    assertThatThrownBy(
            () -> IdReader.read(List.of(), "-", stdin("Id,Url\nid-1,u\nid-2,https://x/a,b\n")))
        .isInstanceOf(IdReader.InvalidIdException.class)
        .hasMessage(
            "Line 3 of stdin (--ids-file -) has 3 fields where the CSV header on line 1 has 2 (a"
                + " field holding a comma must be in double quotes)");
    assertThatThrownBy(() -> IdReader.read(List.of(), "-", stdin("Id,Url\n\"id-1,u\n")))
        .isInstanceOf(IdReader.InvalidIdException.class)
        .hasMessageContaining(
            "Line 2 of stdin (--ids-file -) is not valid CSV (RFC 4180): a quoted")
        .hasMessageContaining("not closed");
    assertThatThrownBy(() -> IdReader.read(List.of(), "-", stdin("Id,Url\nid\"1,u\n")))
        .isInstanceOf(IdReader.InvalidIdException.class)
        .hasMessageContaining("a double quote inside field 1");
    assertThatThrownBy(() -> IdReader.read(List.of(), "-", stdin("Url,Id\nu,\n")))
        .isInstanceOf(IdReader.InvalidIdException.class)
        .hasMessage(
            "Line 2 of stdin (--ids-file -) has an empty Id (column 2 of the CSV header on line 1)");
    assertThatThrownBy(
            () -> IdReader.read(List.of(), "-", stdin("Url,Id\n\"a\nb\",ok\nu,x\u200by\n")))
        .isInstanceOf(IdReader.InvalidIdException.class)
        .hasMessageStartingWith("The ID on line 4 of stdin (--ids-file -) must not contain");
  }

  @Test
  void aPlainList_isReadAsBefore_evenWithCommasAfterItsFirstLine() throws Exception {
    assertThat(IdReader.read(List.of(), "-", stdin("x1\nId,of,sorts\n\"x2\"\n")))
        .containsExactly("x1", "Id,of,sorts", "\"x2\"");
  }
}
