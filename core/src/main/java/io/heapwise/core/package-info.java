/**
 * What every heapwise component shares: the {@link io.heapwise.core.MemoryPressure} levels, the
 * {@link io.heapwise.core.PressureListener} / {@link io.heapwise.core.PressureSource} contract
 * through which the monitor tells caches, pools and buffers to give memory back, and (in {@code
 * io.heapwise.core.config}) strict properties-file configuration. Depends on the JDK only.
 */
package io.heapwise.core;
