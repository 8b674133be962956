package io.heapwise.demo.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a finished consultation: a query's id and its experts' responses, packed into
 * one byte array.
 *
 * <p>A store that keeps live {@link ExpertResponse} objects keeps every builder, array and map
 * behind them; and a pooled response cannot be kept at all, since it goes back to its pool. A
 * record copies what the responses say into a single array (1 byte per character when a text is
 * Latin-1, 2 otherwise), so its heap cost is two objects whose size is known exactly: {@link
 * #retainedBytes()} is what a byte-weighted cache should charge for it. Immutable and thread-safe.
 */
public final class ConsultationRecord {

  private static final int WIDE = 0x8000_0000;
  private static final int FIXED_BYTES_PER_RESPONSE = 8 + 8 + 4 + 4 + 8 + 4;

  private final long queryId;
  private final int responseCount;
  private final byte[] payload;

  private ConsultationRecord(long queryId, int responseCount, byte[] payload) {
    this.queryId = queryId;
    this.responseCount = responseCount;
    this.payload = payload;
  }

  /**
   * Packs the first {@code count} responses to {@code queryId}.
   *
   * @throws IllegalArgumentException if {@code count} is negative or larger than the array
   */
  public static ConsultationRecord of(long queryId, ExpertResponse[] responses, int count) {
    if (count < 0 || count > responses.length) {
      throw new IllegalArgumentException(
          "count must be in 0.." + responses.length + ", was " + count);
    }
    int size = 0;
    for (int i = 0; i < count; i++) {
      size += encodedSize(responses[i]);
    }
    byte[] payload = new byte[size];
    int at = 0;
    for (int i = 0; i < count; i++) {
      at = write(responses[i], payload, at);
    }
    return new ConsultationRecord(queryId, count, payload);
  }

  /** The id of the query these responses answer. */
  public long queryId() {
    return queryId;
  }

  /** How many responses the record holds. */
  public int responseCount() {
    return responseCount;
  }

  /**
   * The heap this record retains, exactly, on a 64-bit JVM with compressed oops: the record object
   * (12-byte header, long, int, reference: 32 bytes) plus its array (16-byte header plus the
   * payload, rounded up to 8 bytes).
   */
  public long retainedBytes() {
    return 32 + align(16L + payload.length);
  }

  /** Unpacks the responses; allocates, meant for reading a stored result, not for a hot path. */
  public List<StoredResponse> responses() {
    List<StoredResponse> out = new ArrayList<>(responseCount);
    Reader reader = new Reader(payload);
    for (int i = 0; i < responseCount; i++) {
      out.add(reader.readResponse());
    }
    return out;
  }

  /** One response as a record holds it. */
  public record StoredResponse(
      long id,
      long queryId,
      int expertId,
      String content,
      int confidencePermille,
      String reasoning,
      Map<String, String> metadata,
      long timestampEpochMillis) {}

  private static int encodedSize(ExpertResponse response) {
    int size =
        FIXED_BYTES_PER_RESPONSE + textSize(response.content()) + textSize(response.reasoning());
    TextAttributes metadata = response.metadata();
    for (int i = 0; i < metadata.size(); i++) {
      size += textSize(metadata.keyAt(i)) + textSize(metadata.valueAt(i));
    }
    return size;
  }

  private static int write(ExpertResponse response, byte[] out, int start) {
    int at = putLong(out, start, response.id());
    at = putLong(out, at, response.queryId());
    at = putInt(out, at, response.expertId());
    at = putInt(out, at, response.confidencePermille());
    at = putLong(out, at, response.timestampEpochMillis());
    at = putText(out, at, response.content());
    at = putText(out, at, response.reasoning());
    TextAttributes metadata = response.metadata();
    at = putInt(out, at, metadata.size());
    for (int i = 0; i < metadata.size(); i++) {
      at = putText(out, at, metadata.keyAt(i));
      at = putText(out, at, metadata.valueAt(i));
    }
    return at;
  }

  private static int textSize(CharSequence text) {
    return 4 + (isLatin1(text) ? text.length() : 2 * text.length());
  }

  private static boolean isLatin1(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static int putText(byte[] out, int start, CharSequence text) {
    boolean latin1 = isLatin1(text);
    int at = putInt(out, start, latin1 ? text.length() : text.length() | WIDE);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!latin1) {
        out[at++] = (byte) (c >>> 8);
      }
      out[at++] = (byte) c;
    }
    return at;
  }

  private static int putInt(byte[] out, int at, int value) {
    out[at] = (byte) (value >>> 24);
    out[at + 1] = (byte) (value >>> 16);
    out[at + 2] = (byte) (value >>> 8);
    out[at + 3] = (byte) value;
    return at + 4;
  }

  private static int putLong(byte[] out, int at, long value) {
    putInt(out, at, (int) (value >>> 32));
    return putInt(out, at + 4, (int) value);
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /** Reads back what {@link #write} wrote. */
  private static final class Reader {
    private final byte[] in;
    private int at;

    Reader(byte[] in) {
      this.in = in;
    }

    StoredResponse readResponse() {
      long id = readLong();
      long queryId = readLong();
      int expertId = readInt();
      int confidence = readInt();
      long timestamp = readLong();
      String content = readText();
      String reasoning = readText();
      int pairs = readInt();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (int i = 0; i < pairs; i++) {
        metadata.put(readText(), readText());
      }
      return new StoredResponse(
          id, queryId, expertId, content, confidence, reasoning, metadata, timestamp);
    }

    private String readText() {
      int header = readInt();
      boolean wide = (header & WIDE) != 0;
      int length = header & ~WIDE;
      char[] chars = new char[length];
      for (int i = 0; i < length; i++) {
        int c = in[at++] & 0xFF;
        if (wide) {
          c = (c << 8) | (in[at++] & 0xFF);
        }
        chars[i] = (char) c;
      }
      return new String(chars);
    }

    private int readInt() {
      int value =
          (in[at] & 0xFF) << 24
              | (in[at + 1] & 0xFF) << 16
              | (in[at + 2] & 0xFF) << 8
              | (in[at + 3] & 0xFF);
      at += 4;
      return value;
    }

    private long readLong() {
      long high = readInt();
      return high << 32 | (readInt() & 0xFFFF_FFFFL);
    }
  }
}
