package io.heapwise.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
    "0, 0",
    "512, 512",
    "512B, 512",
    "512 b, 512",
    "64KiB, 65536",
    "64kib, 65536",
    "64MiB, 67108864",
    "64 MiB, 67108864",
    "1GiB, 1073741824",
    "2TiB, 2199023255552",
    "512KB, 512000",
    "64MB, 64000000",
    "1GB, 1000000000",
    "3TB, 3000000000000",
    "1.5KiB, 1536",
    "0.5MB, 500000",
    "1.0001B, 1",
    "' 8MiB ', 8388608",
  })
  void parsesEveryUnitForm(String text, long expected) {
    assertThat(ByteSize.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "MiB", "64 MB B", "-5MiB", "1e3", "ten", "1,5MiB", "0x10"})
  void rejectsWhatIsNotAByteSize(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ByteSize.parse(text))
        .withMessage("is not a byte size (expected e.g. 64MiB, 512KB or 1024)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"64m", "64k", "5XB", "5MiBs"})
  void rejectsUnknownUnitsNamingThem(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ByteSize.parse(text))
        .withMessageStartingWith("has an unknown unit")
        .withMessageContaining("expected B, KiB, MiB");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775808", "8388608TiB"})
  void rejectsSizesThatDoNotFitALong(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ByteSize.parse(text))
        .withMessageStartingWith("is too large");
  }

  @ParameterizedTest(name = "{0} of 1000 MiB")
  @CsvSource({"25%, 262144000", "100%, 1048576000", "0.5%, 5242880", "10 %, 104857600"})
  void resolvesAShareOfTheHeap(String text, long expected) {
    assertThat(ByteSize.parseOrHeapShare(text, 1000L << 20)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0%", "101%", "150%"})
  void rejectsSharesOutsideZeroToHundredPercent(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ByteSize.parseOrHeapShare(text, 1L << 30))
        .withMessageStartingWith("is not a share of the heap");
  }

  @ParameterizedTest
  @ValueSource(strings = {"64 MB B", "%", "-25%"})
  void heapShareErrorMentionsPercentages(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ByteSize.parseOrHeapShare(text, 1L << 30))
        .withMessage("is not a byte size (expected e.g. 64MiB, 512KB or 25%)");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0B",
    "1023, 1023B",
    "1024, 1KiB",
    "1536, 1.5KiB",
    "67108864, 64MiB",
    "-2048, -2KiB"
  })
  void formatsWithTheLargestFittingBinaryUnit(long bytes, String expected) {
    assertThat(ByteSize.format(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 1000, 4096, 1_500_000, 3L << 30, 7L << 40})
  void formattedSizesParseBackClosely(long bytes) {
    long parsed = ByteSize.parse(ByteSize.format(bytes));
    assertThat(parsed).isCloseTo(bytes, Percentage.withPercentage(5));
  }
}
