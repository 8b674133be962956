package io.heapwise.jmh.cache;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A thread's place in the Zipfian key sequence; each thread starts at its own place. */
@State(Scope.Thread)
public class KeyCursor {

  private int index;

  @Setup
  public void setUp() {
    index = ThreadLocalRandom.current().nextInt(ZipfKeys.SEQUENCE);
  }

  /** The next position; {@link CacheFixture#key} maps it to a key. */
  int next() {
    return index++;
  }
}
