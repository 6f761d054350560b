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
}
