package io.heapwise.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Built-in and composed sizers against JOL's measured retained size. */
class SizersTest {

  @SuppressWarnings("ArrayRecordComponent") // a value shape to weigh, never compared
  record Tagged(String text, List<String> tags, Map<String, Long> scores, int[] counts) {}

  private static List<String> words(int count, String stem) {
    List<String> words = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      words.add(stem + i);
    }
    return new ArrayList<>(words); // trimmed: capacity == size
  }

  @Test
  void stringSizerIsExactForLatin1AndUtf16AtEveryLength() {
    for (int length : new int[] {0, 1, 31, 32, 33, 100, 1023, 1024, 1025, 2048, 5000}) {
      String latin1 = "é".repeat(length); // U+00E9: Latin-1, stored 1 byte per char
      String utf16 = "x".repeat(Math.max(0, length - 1)) + (length > 0 ? "€" : "");
      String lateWide = "a".repeat(length) + "日";
      String surrogateAtChunkEnd = "b".repeat(1023) + "\uD83D\uDE00" + "c".repeat(length);
      for (String text : new String[] {latin1, utf16, lateWide, surrogateAtChunkEnd}) {
        assertThat(Sizers.string().sizeOf(text))
            .as(
                "length %d, last char %x",
                text.length(), text.isEmpty() ? 0 : (int) text.charAt(text.length() - 1))
            .isEqualTo(SizerCalibration.retainedBytes(text));
        boolean allLatin1 = text.chars().allMatch(c -> c <= 0xFF);
        assertThat(Sizers.isStoredAsLatin1(text)).as("probe").isEqualTo(allLatin1);
        assertThat(Sizers.isLatin1(text, text.length())).as("fallback scan").isEqualTo(allLatin1);
      }
    }
  }

  @Test
  void primitiveArraySizersAreExact() {
    assertThat(Sizers.charArray().sizeOf(new char[33]))
        .isEqualTo(SizerCalibration.retainedBytes((Object) new char[33]));
    assertThat(Sizers.shortArray().sizeOf(new short[7]))
        .isEqualTo(SizerCalibration.retainedBytes((Object) new short[7]));
    assertThat(Sizers.floatArray().sizeOf(new float[5]))
        .isEqualTo(SizerCalibration.retainedBytes((Object) new float[5]));
    assertThat(Sizers.doubleArray().sizeOf(new double[9]))
        .isEqualTo(SizerCalibration.retainedBytes((Object) new double[9]));
    assertThat(Sizers.booleanArray().sizeOf(new boolean[13]))
        .isEqualTo(SizerCalibration.retainedBytes((Object) new boolean[13]));
    String[] strings = {"a", null, "bc", "déf"};
    assertThat(Sizers.array(Sizers.string()).sizeOf(strings))
        .isEqualTo(SizerCalibration.retainedBytes((Object) strings));
  }

  @Test
  @SuppressWarnings("JdkObsolete") // a list that is not RandomAccess, on purpose
  void collectionSizersMatchJol() {
    List<String> list = words(50, "element-");
    assertThat(SizerCalibration.measure(Sizers.list(Sizers.string()), list).estimated())
        .isEqualTo(SizerCalibration.retainedBytes(list));
    LinkedList<String> linked = new LinkedList<>(words(5, "l"));
    assertThat(Sizers.list(Sizers.string()).sizeOf(linked))
        .as("not RandomAccess: iterated")
        .isEqualTo(Sizers.list(Sizers.string()).sizeOf(new ArrayList<>(linked)));

    for (int size : new int[] {0, 1, 12, 13, 100, 1000}) {
      Map<String, Long> map = new HashMap<>();
      Set<String> set = new HashSet<>();
      for (int i = 0; i < size; i++) {
        map.put("key-" + i, 1_000L + i);
        set.add("member-" + i);
      }
      assertThat(Sizers.map(Sizers.string(), Sizers.<Long>boxed()).sizeOf(map))
          .as("map of %d", size)
          .isEqualTo(SizerCalibration.retainedBytes(map));
      SizerCalibration.Result setResult =
          SizerCalibration.measure(Sizers.set(Sizers.string()), set);
      // JOL also counts HashSet's shared PRESENT value (16 bytes) once.
      assertThat(setResult.estimated())
          .as("set of %d: %s", size, setResult)
          .isEqualTo(SizerCalibration.retainedBytes(set) - (size == 0 ? 0 : 16));
    }
  }

  @Test
  void objectSizerComposesFieldsAndMatchesJolWithinAFewPercent() {
    Sizer<Tagged> sizer =
        Sizers.object(
            SizerCalibration.shallowBytes(Tagged.class),
            Sizers.field(Tagged::text, Sizers.string()),
            Sizers.field(Tagged::tags, Sizers.list(Sizers.string())),
            Sizers.field(Tagged::scores, Sizers.map(Sizers.string(), Sizers.<Long>boxed())),
            Sizers.field(Tagged::counts, Sizers.intArray()));
    Map<String, Long> scores = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      scores.put("expert-" + i, 5_000L + i);
    }
    Tagged tagged = new Tagged("réponse ".repeat(40), words(12, "tag"), scores, new int[64]);
    SizerCalibration.Result result = SizerCalibration.measure(sizer, tagged);
    assertThat(result.ratio()).as(result.toString()).isCloseTo(1.0, within(0.02));

    Tagged sparse = new Tagged("only text", null, null, null);
    assertThat(sizer.sizeOf(sparse))
        .as("null fields weigh nothing")
        .isEqualTo(SizerCalibration.retainedBytes(sparse));
  }

  @Test
  void composedSizersRejectNullPartsAndNegativeShallowSizes() {
    assertThatThrownBy(() -> Sizers.list(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("elementSizer must not be null");
    assertThatThrownBy(() -> Sizers.map(Sizers.string(), null))
        .hasMessage("valueSizer must not be null");
    assertThatThrownBy(() -> Sizers.object(-8))
        .hasMessage("shallowBytes must be 0 or more, was -8");
    assertThatThrownBy(() -> Sizers.<String>object(16, Sizers.string(), null))
        .hasMessage("parts[1] must not be null");
    assertThatThrownBy(() -> Sizers.field(null, Sizers.string()))
        .hasMessage("getter must not be null");
  }
}
