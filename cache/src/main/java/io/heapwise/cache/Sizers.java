package io.heapwise.cache;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Function;

/**
 * Built-in {@link Sizer}s for the JDK types caches hold most, for a 64-bit JVM with compressed
 * references (the default below 32 GB of heap): 12-byte object headers, 16-byte array headers,
 * sizes rounded up to 8 bytes.
 */
public final class Sizers {

  static final int OBJECT_HEADER = 12;
  static final int ARRAY_HEADER = 16;
  static final int STRING_SHELL = 24; // header, value reference, hash, coder, hashIsZero
  static final int BYTE_BUFFER_SHELL = 64;
  static final int REFERENCE = 4;
  static final int ARRAY_LIST_SHELL = 24; // header, size, modCount, elementData
  static final int HASH_MAP_SHELL = 48; // header, 4 references, 4 ints/floats
  static final int HASH_SET_SHELL = 16; // header, map reference
  static final int KEY_SET_VIEW = 16; // HashMap.KeySet: header, outer reference
  static final int HASH_MAP_NODE = 32; // header, hash, key, value, next

  private Sizers() {}

  /** Rounds up to the JVM's 8-byte object alignment. */
  static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /** Strings at most this long are scanned char by char: cheaper than fetching the scratch. */
  private static final int SHORT_STRING = 32;

  private static final int SCRATCH_CHARS = 1024;

  /**
   * Per-thread scratch for {@link #sizeOfString}: {@value #SCRATCH_CHARS} chars and bytes and an
   * encoder, about 3.5 KiB per thread that weighs strings; fixed, it does not grow with the
   * strings.
   */
  private static final ThreadLocal<StringScratch> SCRATCH =
      ThreadLocal.withInitial(StringScratch::new);

  private static final class StringScratch {
    final char[] chars = new char[SCRATCH_CHARS];
    final CharBuffer charBuffer = CharBuffer.wrap(chars);
    final ByteBuffer byteBuffer = ByteBuffer.wrap(new byte[SCRATCH_CHARS]);
    // Never given endOfInput=true, so it stays in its CODING state and needs no reset().
    final CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
  }

  /**
   * How this JVM stores strings, found once: {@code String.chars()} picks its spliterator class by
   * the string's coder, so the classes for a Latin-1 and a UTF-16 sample tell whether the probe
   * works, and whether compact strings are on at all.
   */
  private static final Class<?> LATIN1_CHARS = "a".chars().spliterator().getClass();

  private static final Class<?> UTF16_CHARS = "\u0100".chars().spliterator().getClass();

  /** Strings are stored in their coder, and the spliterator class tells which: O(1). */
  private static final boolean CODER_PROBE = LATIN1_CHARS != UTF16_CHARS;

  /** -XX:-CompactStrings: every string is UTF-16, 2 bytes per char. */
  private static final boolean ALL_UTF16 = !CODER_PROBE && UTF16_CHARS.getName().contains("UTF16");

  /**
   * Strings: the String object and its backing array, 1 byte per character when the JVM stores the
   * string as Latin-1 (compact strings), 2 otherwise. Exact.
   *
   * <p>The JDK keeps a string's coder private (reading it needs {@code --add-opens}), and scanning
   * the characters is O(length) (about 1 µs for 1 KiB with {@code charAt}). This sizer reads the
   * coder in O(1) through a public API instead: {@code String.chars()} builds its spliterator from
   * a Latin-1 or a UTF-16 class according to the coder, and the sizer compares that class with the
   * ones it saw for two samples at startup. The trade-off: it relies on that JDK implementation
   * detail (true of JDK 9 to 21), and allocates the stream head and spliterator (88 bytes per call
   * measured with JMH {@code -prof gc}; escape analysis did not remove them), so strings of up to
   * 32 characters are scanned with {@code charAt} instead, allocating nothing. On a JDK where the
   * two classes are one, it falls back to an exact scan with two JIT intrinsics: {@code getChars}
   * into a per-thread 1,024-char scratch array, then the ISO-8859-1 encoder, which stops at the
   * first character above 0xFF; with {@code -XX:-CompactStrings} it charges 2 bytes per character.
   */
  public static Sizer<String> string() {
    return Sizers::sizeOfString;
  }

  static long sizeOfString(String value) {
    int length = value.length();
    long bytesPerChar = isStoredAsLatin1(value) ? 1 : 2;
    return STRING_SHELL + align(ARRAY_HEADER + bytesPerChar * length);
  }

  static boolean isStoredAsLatin1(String value) {
    if (ALL_UTF16) {
      return false;
    }
    int length = value.length();
    if (CODER_PROBE && length > SHORT_STRING) {
      // The probe's stream head and spliterator are garbage (88 bytes measured): worth it only
      // when a scan would cost more than they do.
      return value.chars().spliterator().getClass() == LATIN1_CHARS;
    }
    return isLatin1(value, length);
  }

  /** The fallback: whether every character is Latin-1, by scanning with JIT intrinsics. */
  static boolean isLatin1(String value, int length) {
    if (length <= SHORT_STRING) {
      int widest = 0;
      for (int i = 0; i < length; i++) {
        widest |= value.charAt(i);
      }
      return widest <= 0xFF;
    }
    StringScratch scratch = SCRATCH.get();
    for (int from = 0; from < length; from += SCRATCH_CHARS) {
      int to = Math.min(length, from + SCRATCH_CHARS);
      value.getChars(from, to, scratch.chars, 0);
      scratch.charBuffer.clear().limit(to - from);
      scratch.byteBuffer.clear();
      CoderResult result = scratch.latin1.encode(scratch.charBuffer, scratch.byteBuffer, false);
      // Unmappable: a character above 0xFF. Chars left over after an underflow: a high surrogate
      // at the end of the chunk, held back for its pair; it is above 0xFF too.
      if (result.isError() || scratch.charBuffer.hasRemaining()) {
        return false;
      }
    }
    return true;
  }

  /** Byte arrays: header plus length. */
  public static Sizer<byte[]> byteArray() {
    return array -> align(ARRAY_HEADER + (long) array.length);
  }

  /** Long arrays: header plus 8 bytes per element. */
  public static Sizer<long[]> longArray() {
    return array -> align(ARRAY_HEADER + 8L * array.length);
  }

  /** Int arrays: header plus 4 bytes per element. */
  public static Sizer<int[]> intArray() {
    return array -> align(ARRAY_HEADER + 4L * array.length);
  }

  /**
   * Byte buffers: the buffer object, plus its backing array when it is a heap buffer (a direct
   * buffer's memory is off the heap, and not charged).
   */
  public static Sizer<ByteBuffer> byteBuffer() {
    return buffer ->
        BYTE_BUFFER_SHELL
            + (buffer.hasArray() ? align(ARRAY_HEADER + (long) buffer.capacity()) : 0);
  }

  /**
   * Boxed numbers: 24 bytes for {@code Long} and {@code Double}, 16 for the smaller ones. Values
   * the JDK caches (-128..127) are shared, but charged all the same.
   */
  public static <T extends Number> Sizer<T> boxed() {
    return value -> value instanceof Long || value instanceof Double ? 24 : 16;
  }

  /** Any value of a type whose instances all have the same size, measured once by the user. */
  public static <T> Sizer<T> fixed(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("fixed size must be 0 or more, was " + bytes);
    }
    return value -> bytes;
  }

  /** Char arrays: header plus 2 bytes per element. */
  public static Sizer<char[]> charArray() {
    return array -> align(ARRAY_HEADER + 2L * array.length);
  }

  /** Short arrays: header plus 2 bytes per element. */
  public static Sizer<short[]> shortArray() {
    return array -> align(ARRAY_HEADER + 2L * array.length);
  }

  /** Float arrays: header plus 4 bytes per element. */
  public static Sizer<float[]> floatArray() {
    return array -> align(ARRAY_HEADER + 4L * array.length);
  }

  /** Double arrays: header plus 8 bytes per element. */
  public static Sizer<double[]> doubleArray() {
    return array -> align(ARRAY_HEADER + 8L * array.length);
  }

  /** Boolean arrays: header plus 1 byte per element. */
  public static Sizer<boolean[]> booleanArray() {
    return array -> align(ARRAY_HEADER + (long) array.length);
  }

  /**
   * Object arrays: header, a 4-byte reference per slot, and each non-null element as {@code
   * elementSizer} says (an element held twice is counted twice).
   */
  public static <E> Sizer<E[]> array(Sizer<? super E> elementSizer) {
    requireSizer(elementSizer, "elementSizer");
    return array -> {
      long bytes = align(ARRAY_HEADER + (long) REFERENCE * array.length);
      for (E element : array) {
        if (element != null) {
          bytes += elementSizer.sizeOf(element);
        }
      }
      return bytes;
    };
  }

  /**
   * Lists, modelled as a trimmed {@link java.util.ArrayList} (24-byte object and an array of one
   * reference per element) plus each non-null element as {@code elementSizer} says. An ArrayList
   * grown by {@code add} has up to half as many slots again (4 bytes each); {@code List.of} and
   * {@code List.copyOf} are a few bytes smaller. Indexes a {@link RandomAccess} list, so weighing
   * allocates no iterator.
   */
  public static <E> Sizer<List<? extends E>> list(Sizer<? super E> elementSizer) {
    requireSizer(elementSizer, "elementSizer");
    return list -> {
      int size = list.size();
      long bytes = ARRAY_LIST_SHELL + align(ARRAY_HEADER + (long) REFERENCE * size);
      if (list instanceof RandomAccess) {
        for (int i = 0; i < size; i++) {
          E element = list.get(i);
          if (element != null) {
            bytes += elementSizer.sizeOf(element);
          }
        }
        return bytes;
      }
      return bytes + sumOf(list, elementSizer);
    };
  }

  /**
   * Sets, modelled as a {@link java.util.HashSet} (its object and a {@link java.util.HashMap} with
   * one 32-byte node per element, plus the 16-byte key-set view its map keeps once the set has been
   * iterated, as weighing it does) plus each non-null element as {@code elementSizer} says.
   */
  public static <E> Sizer<Set<? extends E>> set(Sizer<? super E> elementSizer) {
    requireSizer(elementSizer, "elementSizer");
    return set ->
        HASH_SET_SHELL + KEY_SET_VIEW + hashMapStructure(set.size()) + sumOf(set, elementSizer);
  }

  /**
   * Maps, modelled as a {@link java.util.HashMap} at its default load factor (48-byte object, a
   * power-of-two table of references, a 32-byte node per entry) plus each key and value as their
   * sizers say. A {@link java.util.LinkedHashMap} has 8 more bytes per entry; a {@link
   * java.util.TreeMap} about as much as this.
   */
  public static <K, V> Sizer<Map<? extends K, ? extends V>> map(
      Sizer<? super K> keySizer, Sizer<? super V> valueSizer) {
    requireSizer(keySizer, "keySizer");
    requireSizer(valueSizer, "valueSizer");
    return map -> {
      // forEach, not entrySet(): a HashMap keeps the entry-set view it hands out, so iterating
      // it would grow the very map being weighed by 16 bytes.
      long[] bytes = {hashMapStructure(map.size())};
      map.forEach(
          (key, value) -> {
            if (key != null) {
              bytes[0] += keySizer.sizeOf(key);
            }
            if (value != null) {
              bytes[0] += valueSizer.sizeOf(value);
            }
          });
      return bytes[0];
    };
  }

  /**
   * An object or record made of parts: its own shallow size (header and fields, aligned; take it
   * once from JOL's {@code ClassLayout.parseClass(type).instanceSize()} in a test, or count 12
   * bytes of header plus 4 per reference and int, 8 per long and double) plus what each part
   * retains.
   *
   * <pre>{@code
   * Sizer<Response> sizer = Sizers.object(24,
   *     Sizers.field(Response::text, Sizers.string()),
   *     Sizers.field(Response::tags, Sizers.list(Sizers.string())));
   * }</pre>
   *
   * @param shallowBytes the object's own size, 0 or more; rounded up to 8
   * @param parts sizers of what the object references, usually made with {@link #field}
   */
  @SafeVarargs
  public static <T> Sizer<T> object(long shallowBytes, Sizer<? super T>... parts) {
    if (shallowBytes < 0) {
      throw new IllegalArgumentException("shallowBytes must be 0 or more, was " + shallowBytes);
    }
    List<Sizer<? super T>> collected = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      collected.add(requireSizer(parts[i], "parts[" + i + "]"));
    }
    List<Sizer<? super T>> copy = List.copyOf(collected);
    long shallow = align(shallowBytes);
    return value -> {
      long bytes = shallow;
      for (int i = 0; i < copy.size(); i++) { // indexed: no iterator per weighing
        bytes += copy.get(i).sizeOf(value);
      }
      return bytes;
    };
  }

  /**
   * One referenced part of an object, for {@link #object}: what {@code getter} returns, weighed by
   * {@code sizer}; 0 when it returns null.
   */
  public static <T, F> Sizer<T> field(
      Function<? super T, ? extends F> getter, Sizer<? super F> sizer) {
    if (getter == null) {
      throw new NullPointerException("getter must not be null");
    }
    requireSizer(sizer, "sizer");
    return value -> {
      F part = getter.apply(value);
      return part == null ? 0 : sizer.sizeOf(part);
    };
  }

  /** A HashMap's own bytes for {@code size} entries: object, table and nodes, no keys or values. */
  static long hashMapStructure(int size) {
    if (size == 0) {
      return HASH_MAP_SHELL;
    }
    // The table is the smallest power of two that keeps size <= 0.75 * length; at least 16.
    long needed = (long) Math.ceil(size / 0.75);
    long table = Math.max(16, Long.highestOneBit(Math.max(1, needed - 1)) << 1);
    return HASH_MAP_SHELL + align(ARRAY_HEADER + REFERENCE * table) + (long) HASH_MAP_NODE * size;
  }

  private static <E> long sumOf(Collection<? extends E> elements, Sizer<? super E> sizer) {
    long bytes = 0;
    for (E element : elements) {
      if (element != null) {
        bytes += sizer.sizeOf(element);
      }
    }
    return bytes;
  }

  private static <S extends Sizer<?>> S requireSizer(S sizer, String name) {
    if (sizer == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return sizer;
  }
}
