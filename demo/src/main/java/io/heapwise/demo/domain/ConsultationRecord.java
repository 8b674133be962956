package io.heapwise.demo.domain;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>The payload holds every response's fixed fields and text lengths first, then all the texts
 * back to back, so that the texts of a whole record can be encoded in one bulk step.
 */
public final class ConsultationRecord {

  private static final int WIDE = 0x8000_0000;
  private static final int FIXED_BYTES_PER_RESPONSE = 8 + 8 + 4 + 4 + 8 + 4;
  // one bounds-checked store per field instead of one per byte
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final ThreadLocal<Packer> PACKERS = ThreadLocal.withInitial(Packer::new);

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
    return PACKERS.get().pack(queryId, responses, count);
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
    Reader reader = new Reader(payload, responseCount);
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

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /**
   * Packs responses into records through a reusable scratch area, so that packing allocates only
   * the finished record. Not thread-safe: a thread that packs often keeps its own; {@link #of} uses
   * one per thread.
   */
  public static final class Packer {
    /** A scratch array grown past this is dropped after use rather than kept by the thread. */
    private static final int KEEP = 64 * 1024;

    private static final int INITIAL_BYTES = 4 * 1024;
    private static final int INITIAL_CHARS = 4 * 1024;
    private static final int INITIAL_TEXTS = 64;

    private final CharsetEncoder latin1 =
        ISO_8859_1
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] bytes;
    private ByteBuffer byteView;
    private char[] chars;
    private CharBuffer charView;
    private int[] headerAt = new int[INITIAL_TEXTS];
    private int[] textLength = new int[INITIAL_TEXTS];
    private int at;
    private int charCount;
    private int textCount;

    /** Creates a packer with a small scratch area, grown as needed. */
    public Packer() {
      setBytes(new byte[INITIAL_BYTES]);
      setChars(new char[INITIAL_CHARS]);
    }

    /**
     * Packs the first {@code count} responses to {@code queryId}.
     *
     * @throws IllegalArgumentException if {@code count} is negative or larger than the array
     */
    public ConsultationRecord pack(long queryId, ExpertResponse[] responses, int count) {
      if (count < 0 || count > responses.length) {
        throw new IllegalArgumentException(
            "count must be in 0.." + responses.length + ", was " + count);
      }
      // Whether a text fits in Latin-1 is only known once it has been read, so the texts are
      // gathered and encoded once in the scratch area, then copied into an array of exact size.
      // They are gathered as chars (a bulk copy out of each builder) and narrowed by one call of
      // the JDK's ISO-8859-1 encoder over all of them, whose inner loop is a vectorized
      // intrinsic: reading builders char by char through CharSequence.charAt, or encoding each
      // short text on its own, costs several times more.
      at = 0;
      charCount = 0;
      textCount = 0;
      for (int i = 0; i < count; i++) {
        add(responses[i]);
      }
      return new ConsultationRecord(queryId, count, finish());
    }

    /** Writes the fixed fields and text lengths of {@code response}, and gathers its texts. */
    private void add(ExpertResponse response) {
      TextAttributes metadata = response.metadata();
      int pairs = metadata.size();
      int texts = 2 + 2 * pairs;
      ensureBytes(FIXED_BYTES_PER_RESPONSE + 4 * texts);
      if (headerAt.length < textCount + texts) {
        int length = Math.max(textCount + texts, 2 * headerAt.length);
        headerAt = Arrays.copyOf(headerAt, length);
        textLength = Arrays.copyOf(textLength, length);
      }
      putLong(response.id());
      putLong(response.queryId());
      putInt(response.expertId());
      putInt(response.confidencePermille());
      putLong(response.timestampEpochMillis());
      putInt(pairs);
      StringBuilder content = response.content();
      int length = content.length();
      content.getChars(0, length, reserveChars(length), charCount);
      addText(length);
      StringBuilder reasoning = response.reasoning();
      length = reasoning.length();
      reasoning.getChars(0, length, reserveChars(length), charCount);
      addText(length);
      for (int i = 0; i < pairs; i++) {
        addString(metadata.keyAt(i));
        addString(metadata.valueAt(i));
      }
    }

    /** Encodes the gathered texts after the headers and returns the payload, of exact size. */
    private byte[] finish() {
      int size = encodeAllLatin1() ? at + charCount : encodeEachText();
      byte[] payload = Arrays.copyOf(bytes, size);
      if (bytes.length > KEEP) {
        setBytes(new byte[INITIAL_BYTES]);
      }
      if (chars.length > KEEP) {
        setChars(new char[INITIAL_CHARS]);
      }
      return payload;
    }

    private void addString(String text) {
      int length = text.length();
      text.getChars(0, length, reserveChars(length), charCount);
      addText(length);
    }

    private char[] reserveChars(int length) {
      if (chars.length - charCount < length) {
        char[] grown = Arrays.copyOf(chars, Math.max(charCount + length, 2 * chars.length));
        setChars(grown);
      }
      return chars;
    }

    private void addText(int length) {
      headerAt[textCount] = at;
      textLength[textCount] = length;
      textCount++;
      charCount += length;
      putInt(length);
    }

    /** The common case: every text is Latin-1, and one encoder call narrows them all. */
    private boolean encodeAllLatin1() {
      ensureBytes(charCount);
      return encode(0, charCount, at);
    }

    /** Some text is not Latin-1: each text is encoded on its own, the wide ones as UTF-16. */
    private int encodeEachText() {
      ensureBytes(2 * charCount);
      int out = at;
      int from = 0;
      for (int t = 0; t < textCount; t++) {
        int length = textLength[t];
        if (encode(from, length, out)) {
          out += length;
        } else {
          int header = headerAt[t];
          bytes[header] |= (byte) 0x80; // the WIDE bit of the big-endian length
          for (int i = from; i < from + length; i++) {
            char c = chars[i];
            bytes[out] = (byte) (c >>> 8);
            bytes[out + 1] = (byte) c;
            out += 2;
          }
        }
        from += length;
      }
      return out;
    }

    /** Narrows {@code length} chars from {@code from} into the bytes at {@code out} if it can. */
    private boolean encode(int from, int length, int out) {
      charView.limit(from + length).position(from);
      byteView.limit(bytes.length).position(out);
      // endOfInput false keeps the encoder in its coding state, so it needs no reset between calls
      CoderResult result = latin1.encode(charView, byteView, false);
      return result.isUnderflow() && !charView.hasRemaining();
    }

    private void ensureBytes(int more) {
      if (bytes.length - at < more) {
        setBytes(Arrays.copyOf(bytes, Math.max(at + more, 2 * bytes.length)));
      }
    }

    private void setBytes(byte[] array) {
      bytes = array;
      byteView = ByteBuffer.wrap(array);
    }

    private void setChars(char[] array) {
      chars = array;
      charView = CharBuffer.wrap(array);
    }

    private void putInt(int value) {
      INTS.set(bytes, at, value);
      at += 4;
    }

    private void putLong(long value) {
      LONGS.set(bytes, at, value);
      at += 8;
    }
  }

  /** Reads back what a {@link Packer} wrote: headers through one cursor, texts through another. */
  private static final class Reader {
    private final byte[] in;
    private int at;
    private int textAt;

    Reader(byte[] in, int responses) {
      this.in = in;
      for (int i = 0; i < responses; i++) {
        at += FIXED_BYTES_PER_RESPONSE;
        at += 4 * (2 + 2 * readInt(at - 4));
      }
      this.textAt = at;
      this.at = 0;
    }

    StoredResponse readResponse() {
      long id = readLong();
      long queryId = readLong();
      int expertId = readInt();
      int confidence = readInt();
      long timestamp = readLong();
      int pairs = readInt();
      String content = readText();
      String reasoning = readText();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (int i = 0; i < pairs; i++) {
        metadata.put(readText(), readText());
      }
      return new StoredResponse(
          id, queryId, expertId, content, confidence, reasoning, metadata, timestamp);
    }

    private String readText() {
      int header = readInt();
      int length = header & ~WIDE;
      if ((header & WIDE) == 0) {
        String text = new String(in, textAt, length, ISO_8859_1);
        textAt += length;
        return text;
      }
      // char by char rather than through a UTF-16 decoder, which would replace a lone surrogate
      char[] text = new char[length];
      for (int i = 0; i < length; i++) {
        text[i] = (char) ((in[textAt] & 0xFF) << 8 | (in[textAt + 1] & 0xFF));
        textAt += 2;
      }
      return new String(text);
    }

    private int readInt(int from) {
      return (in[from] & 0xFF) << 24
          | (in[from + 1] & 0xFF) << 16
          | (in[from + 2] & 0xFF) << 8
          | (in[from + 3] & 0xFF);
    }

    private int readInt() {
      int value = readInt(at);
      at += 4;
      return value;
    }

    private long readLong() {
      long high = readInt();
      return high << 32 | (readInt() & 0xFFFF_FFFFL);
    }
  }
}
