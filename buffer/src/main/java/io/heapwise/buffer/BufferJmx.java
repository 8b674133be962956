package io.heapwise.buffer;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** Registers a buffer's {@link BufferMXBean} on the platform MBeanServer, and unregisters it. */
final class BufferJmx implements BufferMXBean {

  private static final System.Logger LOG = System.getLogger(BufferJmx.class.getName());

  private final BoundedBatchBuffer<?> buffer;
  private final ObjectName objectName;

  private BufferJmx(BoundedBatchBuffer<?> buffer, ObjectName objectName) {
    this.buffer = buffer;
    this.objectName = objectName;
  }

  /** The ObjectName of the buffer called {@code name}; the name is quoted when it must be. */
  static ObjectName objectName(String name) {
    String value = name.matches("[A-Za-z0-9._\\-]+") ? name : ObjectName.quote(name);
    try {
      return new ObjectName("io.heapwise:type=Buffer,name=" + value);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("buffer '" + name + "': no valid JMX name", e);
    }
  }

  /**
   * Registers the buffer's MXBean.
   *
   * @throws IllegalStateException if the ObjectName is already registered, naming it
   */
  static BufferJmx register(BoundedBatchBuffer<?> buffer) {
    BufferJmx bean = new BufferJmx(buffer, objectName(buffer.name()));
    try {
      ManagementFactory.getPlatformMBeanServer().registerMBean(bean, bean.objectName);
    } catch (InstanceAlreadyExistsException e) {
      throw new IllegalStateException(
          "buffer '" + buffer.name() + "': " + bean.objectName + " is already registered", e);
    } catch (JMException e) {
      throw new IllegalStateException(
          "buffer '" + buffer.name() + "': could not register " + bean.objectName, e);
    }
    return bean;
  }

  ObjectName objectName() {
    return objectName;
  }

  void unregister() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.unregisterMBean(objectName);
    } catch (InstanceNotFoundException e) {
      // someone unregistered it already: nothing left to do
    } catch (JMException e) {
      LOG.log(System.Logger.Level.WARNING, "could not unregister " + objectName, e);
    }
  }

  @Override
  public String getName() {
    return buffer.name();
  }

  @Override
  public String getOverflowPolicy() {
    return buffer.config().overflowPolicy().name();
  }

  @Override
  public long getOffered() {
    return buffer.stats().offered();
  }

  @Override
  public long getAccepted() {
    return buffer.stats().accepted();
  }

  @Override
  public long getRejected() {
    return buffer.stats().rejected();
  }

  @Override
  public long getDropped() {
    return buffer.stats().dropped();
  }

  @Override
  public long getCallerRan() {
    return buffer.stats().callerRan();
  }

  @Override
  public long getDrained() {
    return buffer.stats().drained();
  }

  @Override
  public long getFailed() {
    return buffer.stats().failed();
  }

  @Override
  public long getBlockedCount() {
    return buffer.stats().blockedCount();
  }

  @Override
  public long getBlockedNanos() {
    return buffer.stats().blockedNanos();
  }

  @Override
  public long getItems() {
    return buffer.size();
  }

  @Override
  public long getBytes() {
    return buffer.stats().bytes();
  }

  @Override
  public long getHighWaterItems() {
    return buffer.stats().highWaterItems();
  }

  @Override
  public long getHighWaterBytes() {
    return buffer.stats().highWaterBytes();
  }

  @Override
  public int getCapacity() {
    return buffer.stats().capacity();
  }

  @Override
  public int getBaseCapacity() {
    return buffer.baseCapacity();
  }

  @Override
  public int getConfiguredCapacity() {
    return buffer.config().capacity();
  }

  @Override
  public void setCapacity(int capacity) {
    buffer.setCapacity(capacity);
  }

  @Override
  public void resetCapacity() {
    buffer.setCapacity(buffer.config().capacity());
  }

  @Override
  public boolean isClosed() {
    return buffer.isClosed();
  }
}
