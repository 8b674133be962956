package io.heapwise.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "250ms, PT0.25S",
    "5s, PT5S",
    "10m, PT10M",
    "10min, PT10M",
    "4h, PT4H",
    "1d, PT24H",
    "1.5s, PT1.5S",
    "500us, PT0.0005S",
    "500µs, PT0.0005S",
    "7ns, PT0.000000007S",
    "0s, PT0S",
    "' 2 h ', PT2H",
    "PT4H, PT4H",
    "P1D, PT24H",
    "pt30s, PT30S",
    "PT0.25S, PT0.25S",
  })
  void parsesEveryForm(String text, String iso) {
    assertThat(DurationFormat.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ms", "five seconds", "-5s", "5 s s"})
  void rejectsWhatIsNotADuration(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DurationFormat.parse(text))
        .withMessage("is not a duration (expected e.g. 250ms, 5s, 10m, 4h, 1d or PT4H)");
  }

  @Test
  void rejectsABareNumberBecauseTheUnitIsAmbiguous() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DurationFormat.parse("30"))
        .withMessageStartingWith("has no unit");
  }

  @Test
  void rejectsUnknownUnitsNamingThem() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DurationFormat.parse("5w"))
        .withMessage("has an unknown unit \"w\" (expected ns, us, ms, s, m, h or d)");
  }

  @Test
  void rejectsNegativeIsoDurations() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DurationFormat.parse("PT-5S"))
        .withMessageStartingWith("is negative");
  }

  @Test
  void rejectsMalformedIso() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DurationFormat.parse("PT4X"))
        .withMessageStartingWith("is not a duration");
  }

  @Test
  void rejectsDurationsTooLongForJava() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DurationFormat.parse("99999999999999999999d"))
        .withMessageStartingWith("is too long");
  }

  @ParameterizedTest(name = "{0} formats as {1}")
  @CsvSource({
    "PT4H, 4h",
    "PT24H, 1d",
    "PT10M, 10m",
    "PT90S, 90s",
    "PT0S, 0s",
    "PT0.25S, 250ms",
    "PT0.0005S, 500us",
    "PT0.000000007S, 7ns",
    "PT1.5S, 1500ms",
  })
  void formatsInTheLargestExactUnit(String iso, String expected) {
    Duration duration = Duration.parse(iso);
    assertThat(DurationFormat.format(duration)).isEqualTo(expected);
    assertThat(DurationFormat.parse(expected)).isEqualTo(duration);
  }

  @Test
  void refusesToFormatNegativeDurations() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DurationFormat.format(Duration.ofSeconds(-1)))
        .withMessageContaining("negative");
  }
}
