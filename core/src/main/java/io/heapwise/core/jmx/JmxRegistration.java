package io.heapwise.core.jmx;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * One MXBean registered on the platform MBean server under {@code io.heapwise:type=<type>[,name=
 * <name>]}; {@link #close()} unregisters it. Components that are configured with {@code jmx=true}
 * hold one and close it when they close.
 *
 * <p>Registration fails at once, with the object name in the message, when the name is taken (two
 * pools called "queries", say): silently keeping the older bean would show the wrong component.
 */
public final class JmxRegistration implements AutoCloseable {

  /** The JMX domain of every heapwise bean. */
  public static final String DOMAIN = "io.heapwise";

  private static final System.Logger LOG = System.getLogger(JmxRegistration.class.getName());

  private final MBeanServer server;
  private final ObjectName objectName;
  private final AtomicBoolean registered = new AtomicBoolean(true);

  private JmxRegistration(MBeanServer server, ObjectName objectName) {
    this.server = server;
    this.objectName = objectName;
  }

  /**
   * Registers {@code mxBean} on the platform MBean server.
   *
   * @param mxBean an object implementing an interface whose name ends in {@code MXBean}
   * @param type the {@code type} key of the object name, e.g. {@code Pool}
   * @param name the {@code name} key, or null for a singleton such as the monitor
   * @return the registration; close it to unregister
   * @throws IllegalStateException if a bean is already registered under the same object name
   * @throws IllegalArgumentException if {@code mxBean} is not a compliant MXBean or the type or
   *     name cannot form an object name
   */
  public static JmxRegistration register(Object mxBean, String type, String name) {
    Objects.requireNonNull(mxBean, "mxBean");
    ObjectName objectName = objectName(type, name);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.registerMBean(mxBean, objectName);
    } catch (InstanceAlreadyExistsException e) {
      throw new IllegalStateException(
          "an MBean is already registered as " + objectName + " (two components with one name?)",
          e);
    } catch (JMException e) {
      throw new IllegalArgumentException(
          "cannot register " + mxBean.getClass().getName() + " as " + objectName, e);
    }
    return new JmxRegistration(server, objectName);
  }

  /**
   * Returns the object name heapwise uses for a component.
   *
   * @param type the {@code type} key, e.g. {@code Cache}
   * @param name the {@code name} key, or null
   * @return {@code io.heapwise:type=<type>[,name=<name>]}, the name quoted if it needs it
   * @throws IllegalArgumentException if the result is not a valid object name
   */
  public static ObjectName objectName(String type, String name) {
    Objects.requireNonNull(type, "type");
    String text = DOMAIN + ":type=" + type + (name == null ? "" : ",name=" + quoteIfNeeded(name));
    try {
      return new ObjectName(text);
    } catch (JMException e) {
      throw new IllegalArgumentException("not a valid JMX object name: " + text, e);
    }
  }

  private static String quoteIfNeeded(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (",=:\"*?\n".indexOf(value.charAt(i)) >= 0) {
        return ObjectName.quote(value);
      }
    }
    return value;
  }

  /**
   * Returns the name the bean is registered under.
   *
   * @return the object name
   */
  public ObjectName objectName() {
    return objectName;
  }

  /**
   * Unregisters the bean; idempotent. A bean someone else already removed is logged, not thrown.
   */
  @Override
  public void close() {
    if (!registered.compareAndSet(true, false)) {
      return;
    }
    try {
      server.unregisterMBean(objectName);
    } catch (InstanceNotFoundException e) {
      LOG.log(System.Logger.Level.DEBUG, () -> objectName + " was already unregistered");
    } catch (JMException e) {
      LOG.log(System.Logger.Level.WARNING, () -> "cannot unregister " + objectName, e);
    }
  }
}
