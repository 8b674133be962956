package io.heapwise.demo;

import io.heapwise.core.config.Settings;

/** Builds the service of a mode from the settings. */
final class ServiceFactory {

  private ServiceFactory() {}

  static ExpertService create(
      Mode mode, DemoConfig config, Settings settings, boolean squeeze, SimulatedSink sink) {
    return switch (mode) {
      case PLAIN ->
          new PlainExpertService(
              config,
              squeeze ? config.squeezePlainStoreMaxEntries() : config.plainStoreMaxEntries(),
              sink);
      case HEAPWISE -> new HeapwiseExpertService(config, settings, sink);
    };
  }
}
