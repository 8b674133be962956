package io.heapwise.cache;

import java.nio.ByteBuffer;

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

  private Sizers() {}

  /** Rounds up to the JVM's 8-byte object alignment. */
  static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /**
   * Strings: the String object and its backing array, 1 byte per character when every character is
   * Latin-1 (the JVM's compact strings), 2 otherwise. Scans the characters: O(length).
   */
  public static Sizer<String> string() {
    return Sizers::sizeOfString;
  }

  static long sizeOfString(String value) {
    int length = value.length();
    int widest = 0;
    for (int i = 0; i < length; i++) {
      widest |= value.charAt(i);
    }
    long bytesPerChar = widest > 0xFF ? 2 : 1;
    return STRING_SHELL + align(ARRAY_HEADER + bytesPerChar * length);
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
}
