/**
 * Strict properties-file configuration shared by every heapwise component.
 *
 * <p>{@link io.heapwise.core.config.Settings} loads a file, a class path resource or {@link
 * java.util.Properties}; {@link io.heapwise.core.config.Settings#read} reads one section (such as
 * {@code heapwise.cache.responses.}) through a typed {@link io.heapwise.core.config.SectionReader}
 * into a config object, or throws one {@link io.heapwise.core.config.ConfigException} naming every
 * bad value and unknown key of the section. Byte sizes and durations are spelled as {@link
 * io.heapwise.core.config.ByteSize} and {@link io.heapwise.core.config.DurationFormat} describe.
 */
package io.heapwise.core.config;
