package io.heapwise.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SectionReaderTest {

  enum Policy {
    ALLOCATE,
    BLOCK,
    DROP_OLDEST
  }

  private static final long HEAP = 1000L << 20;

  private static Object read(String value, Function<SectionReader, ?> reader) {
    Properties properties = new Properties();
    if (value != null) {
      properties.setProperty("heapwise.t.k", value);
    }
    return Settings.from(properties, new Properties())
        .withMaxHeapBytes(HEAP)
        .read("heapwise.t.", reader::apply);
  }

  private static String failure(String value, Function<SectionReader, ?> reader) {
    return assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> read(value, reader))
        .actual()
        .getMessage();
  }

  @Test
  void readsStringsTrimmed() {
    assertThat(read("  hello world ", s -> s.stringValue("k", "x"))).isEqualTo("hello world");
    assertThat(read(null, s -> s.stringValue("k", "x"))).isEqualTo("x");
  }

  @ParameterizedTest
  @CsvSource({"true, true", "false, false", "' true ', true"})
  void readsBooleans(String text, boolean expected) {
    assertThat(read(text, s -> s.booleanValue("k", !expected))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TRUE", "yes", "1", "on", ""})
  void booleansAreTrueOrFalseOnly(String text) {
    assertThat(failure(text, s -> s.booleanValue("k", false)))
        .endsWith("heapwise.t.k: \"" + text + "\" is not a boolean (expected true or false)");
  }

  @Test
  void readsIntsWithinRange() {
    assertThat(read("42", s -> s.intValue("k", 1, 1, 100))).isEqualTo(42);
    assertThat(read("+7", s -> s.intValue("k", 1, 1, 100))).isEqualTo(7);
    assertThat(read(null, s -> s.intValue("k", 5, 1, 100))).isEqualTo(5);
  }

  @Test
  void intOutOfRangeNamesTheRange() {
    assertThat(failure("0", s -> s.intValue("k", 1, 1, 100)))
        .endsWith("heapwise.t.k: \"0\" is out of range (expected an integer from 1 to 100)");
    assertThat(failure("99999999999999999999", s -> s.longValue("k", 1, 1, Long.MAX_VALUE)))
        .contains("is out of range");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4.5", "ten", "1e3", "0x10", "1_000"})
  void intThatIsNotAnIntegerSaysSo(String text) {
    assertThat(failure(text, s -> s.intValue("k", 1, 0, 10_000)))
        .endsWith("is not an integer (expected an integer from 0 to 10000)");
  }

  @Test
  void readsLongs() {
    assertThat(read("-9000000000", s -> s.longValue("k", 0, Long.MIN_VALUE, 0)))
        .isEqualTo(-9_000_000_000L);
  }

  @ParameterizedTest
  @CsvSource({"0.5, 0.5", "1e-3, 0.001", "-2, -2", ".25, 0.25", "3., 3"})
  void readsDoubles(String text, double expected) {
    assertThat(read(text, s -> s.doubleValue("k", 0, -10, 10))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "1.0d", "0x1p3", "half"})
  void doublesRejectJavaSpecialForms(String text) {
    assertThat(failure(text, s -> s.doubleValue("k", 0, -10, 10))).contains("is not a number");
  }

  @Test
  void doubleOutOfRangeNamesTheRange() {
    assertThat(failure("11", s -> s.doubleValue("k", 0, -10, 10)))
        .endsWith("is out of range (expected a number from -10.0 to 10.0)");
  }

  @ParameterizedTest
  @CsvSource({"0.2, 0.2", "20%, 0.2", "100%, 1.0", "0, 0.0", "12.5 %, 0.125"})
  void readsFractionsAsDecimalsOrPercentages(String text, double expected) {
    assertThat(read(text, s -> s.fraction("k", 0.5))).isEqualTo(expected);
  }

  @Test
  void fractionOutsideItsRangeIsRejected() {
    assertThat(failure("120%", s -> s.fraction("k", 0.5)))
        .endsWith("is out of range (expected a fraction from 0% to 100%)");
    assertThat(failure("0.05", s -> s.fraction("k", 0.5, 0.1, 0.9)))
        .endsWith("is out of range (expected a fraction from 10% to 90%)");
    assertThat(failure("lots", s -> s.fraction("k", 0.5)))
        .endsWith("is not a fraction (expected e.g. 0.2 or 20%, from 0% to 100%)");
  }

  @Test
  void readsByteSizes() {
    assertThat(read("64MiB", s -> s.byteSize("k", 1))).isEqualTo(64L << 20);
    assertThat(read(null, s -> s.byteSize("k", 1))).isEqualTo(1L);
  }

  @Test
  void plainByteSizeRejectsHeapShares() {
    assertThat(failure("25%", s -> s.byteSize("k", 1)))
        .endsWith("heapwise.t.k: \"25%\" is not a byte size (expected e.g. 64MiB, 512KB or 1024)");
  }

  @Test
  void byteSizeOutOfRangeNamesTheRange() {
    assertThat(failure("2GiB", s -> s.byteSize("k", 1, 1024, 1L << 30)))
        .endsWith("is out of range: 2GiB (expected a size from 1KiB to 1GiB)");
    assertThat(failure("0", s -> s.byteSize("k", 1, 1, Long.MAX_VALUE)))
        .endsWith("is out of range: 0B (expected a size at least 1B)");
  }

  @Test
  void readsHeapSharesAgainstTheConfiguredHeap() {
    assertThat(read("25%", s -> s.byteSizeOrHeapShare("k", 1))).isEqualTo(HEAP / 4);
    assertThat(read("8MiB", s -> s.byteSizeOrHeapShare("k", 1))).isEqualTo(8L << 20);
    assertThat(read("0.5 GB", s -> s.byteSizeOrHeapShare("k", 1))).isEqualTo(500_000_000L);
    assertThat(read(null, s -> s.maxHeapBytes())).isEqualTo(HEAP);
  }

  @Test
  void heapShareErrorNamesTheForms() {
    assertThat(failure("64 MB B", s -> s.byteSizeOrHeapShare("k", 1)))
        .isEqualTo(
            "invalid heapwise configuration: heapwise.t.k: \"64 MB B\" is not a byte size"
                + " (expected e.g. 64MiB, 512KB or 25%)");
    assertThat(failure("1%", s -> s.byteSizeOrHeapShare("k", 1, 100L << 20, Long.MAX_VALUE)))
        .endsWith("is out of range: 10MiB (expected a size at least 100MiB)");
  }

  @Test
  void optionalByteSize() {
    assertThat(read("1KiB", s -> s.optionalByteSize("k"))).isEqualTo(OptionalLong.of(1024));
    assertThat(read(null, s -> s.optionalByteSize("k"))).isEqualTo(OptionalLong.empty());
    assertThat(failure("big", s -> s.optionalByteSize("k"))).contains("is not a byte size");
  }

  @Test
  void readsDurations() {
    assertThat(read("250ms", s -> s.duration("k", Duration.ZERO)))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(read("PT4H", s -> s.duration("k", Duration.ZERO))).isEqualTo(Duration.ofHours(4));
    assertThat(read(null, s -> s.duration("k", Duration.ofSeconds(3))))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void durationOutsideItsRangeNamesTheRange() {
    assertThat(
            failure(
                "10ms", s -> s.duration("k", Duration.ofSeconds(5), Duration.ofMillis(100), null)))
        .endsWith("\"10ms\" is out of range (expected a duration at least 100ms)");
    assertThat(
            failure(
                "2h",
                s ->
                    s.duration(
                        "k", Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(1))))
        .endsWith("\"2h\" is out of range (expected a duration from 1s to 1h)");
    assertThat(failure("5", s -> s.duration("k", Duration.ZERO))).contains("has no unit");
  }

  @Test
  void optionalDuration() {
    assertThat(read("5m", s -> s.optionalDuration("k")))
        .isEqualTo(Optional.of(Duration.ofMinutes(5)));
    assertThat(read(null, s -> s.optionalDuration("k"))).isEqualTo(Optional.empty());
    assertThat(failure("5 parsecs", s -> s.optionalDuration("k"))).contains("unknown unit");
  }

  @ParameterizedTest
  @CsvSource({
    "block, BLOCK",
    "BLOCK, BLOCK",
    "Block, BLOCK",
    "drop-oldest, DROP_OLDEST",
    "DROP_OLDEST, DROP_OLDEST"
  })
  void readsEnumsCaseInsensitively(String text, Policy expected) {
    assertThat(read(text, s -> s.enumValue("k", Policy.class, Policy.ALLOCATE)))
        .isEqualTo(expected);
  }

  @Test
  void unknownEnumValueListsTheAllowedValues() {
    assertThat(failure("drop-newest", s -> s.enumValue("k", Policy.class, Policy.ALLOCATE)))
        .endsWith(
            "heapwise.t.k: \"drop-newest\" is not a known value"
                + " (expected one of: allocate, block, drop-oldest)");
  }

  @Test
  void isSetMarksTheKeyKnownAndReportsPresence() {
    assertThat(read("x", s -> s.isSet("k"))).isEqualTo(true);
    assertThat(read(null, s -> s.isSet("k"))).isEqualTo(false);
  }

  @Test
  void keyAndPrefixNameTheSection() {
    assertThat(read(null, s -> s.prefix() + "|" + s.key("max-size")))
        .isEqualTo("heapwise.t.|heapwise.t.max-size");
  }
}
