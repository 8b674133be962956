/**
 * heapwise micrometer: a Micrometer {@link io.micrometer.core.instrument.binder.MeterBinder} per
 * heapwise component. Meters are named {@code heapwise.<component>.<what>}, tagged {@code name}
 * (the component's name) and, where a figure splits, {@code result} or {@code cause}; sizes are in
 * bytes and times in seconds (Micrometer base units). Each meter reads the component's stats
 * snapshot when the registry is scraped; binding keeps no reference that outlives the component
 * beyond what Micrometer's gauges hold.
 */
package io.heapwise.micrometer;
