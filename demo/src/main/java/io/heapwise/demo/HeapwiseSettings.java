package io.heapwise.demo;

import io.heapwise.core.config.Settings;

/** The heapwise components' own settings sections used by the heapwise mode. */
final class HeapwiseSettings {

  private HeapwiseSettings() {}

  /** Reads every heapwise section the demo uses, failing on the first section with a problem. */
  static void validate(Settings settings) {
    // Filled in when the components land.
  }
}
