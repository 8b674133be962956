/**
 * heapwise monitor: a variance-driven adaptive memory monitor that publishes memory pressure.
 *
 * <p>{@link io.heapwise.monitor.MemoryMonitor} samples the JVM and is a {@link
 * io.heapwise.core.PressureSource}; {@link io.heapwise.monitor.MonitorConfig} sets its thresholds
 * and intervals; {@link io.heapwise.monitor.MonitorSnapshot} (and its short form {@link
 * io.heapwise.monitor.MonitorStats}) is what it last saw.
 */
package io.heapwise.monitor;
