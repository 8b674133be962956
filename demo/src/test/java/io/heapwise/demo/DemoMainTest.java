package io.heapwise.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoMainTest {

  @Test
  void noticeNamesBothModes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoMain.printNotice(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .startsWith("heapwise demo")
        .contains("plain    :")
        .contains("heapwise :");
  }
}
