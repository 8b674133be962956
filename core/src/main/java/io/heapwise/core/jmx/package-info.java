/**
 * JMX support shared by the components: {@link io.heapwise.core.jmx.JmxRegistration} registers a
 * component's MXBean under {@code io.heapwise:type=...,name=...} and unregisters it on close.
 */
package io.heapwise.core.jmx;
