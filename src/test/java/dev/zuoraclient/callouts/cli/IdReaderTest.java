package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
  void positionalIds_areTakenAsGiven() throws Exception {
    List<String> ids = IdReader.read(List.of(" x "), null, stdin(""));

    assertThat(ids).containsExactly(" x ");
  }

  @Test
  void aHashInsideAnId_isKept() throws Exception {
    assertThat(IdReader.read(List.of(), "-", stdin("a#1\n#comment\n"))).containsExactly("a#1");
  }
}
