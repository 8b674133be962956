package io.heapwise.demo;

import java.io.PrintStream;

/**
 * Entry point of the heapwise demo.
 *
 * <p>The side-by-side run (a simulated expert-query service, plain and with heapwise) lands with
 * the demo issue; until then this prints what the demo will run.
 */
public final class DemoMain {

  private DemoMain() {}

  /**
   * Prints what the demo will run.
   *
   * @param args ignored for now
   */
  public static void main(String[] args) {
    printNotice(System.out);
  }

  static void printNotice(PrintStream out) {
    out.println("heapwise demo");
    out.println("=============");
    out.println("The side-by-side run is not built yet. When it lands, this command will run a");
    out.println("simulated expert-query service twice, each in its own JVM with the same heap:");
    out.println(
        "  plain    : objects from new, a TTL map bounded by entry count, an unbounded list");
    out.println("  heapwise : pooled queries and responses, a byte-budget cache, a bounded batch");
    out.println("             buffer and the adaptive memory monitor");
    out.println(
        "and print allocation rate, GC count and pause, latency percentiles, peak live heap");
    out.println("and store size side by side.");
  }
}
