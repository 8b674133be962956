package io.heapwise.core.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JmxRegistrationTest {

  /** A tiny MXBean for the test. */
  public interface CounterMXBean {
    long getCount();
  }

  record Counter(long count) implements CounterMXBean {
    @Override
    public long getCount() {
      return count;
    }
  }

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @Test
  void registersUnderTheHeapwiseDomainAndUnregistersOnClose() throws Exception {
    ObjectName name;
    try (JmxRegistration registration =
        JmxRegistration.register(new Counter(42), "Test", "counter")) {
      name = registration.objectName();
      assertThat(name.toString()).isEqualTo("io.heapwise:type=Test,name=counter");
      assertThat(server.getAttribute(name, "Count")).isEqualTo(42L);
    }
    assertThat(server.isRegistered(name)).isFalse();
  }

  @Test
  void aTakenNameFailsNamingIt() {
    try (JmxRegistration first = JmxRegistration.register(new Counter(1), "Test", "twice")) {
      assertThatThrownBy(() -> JmxRegistration.register(new Counter(2), "Test", "twice"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("io.heapwise:type=Test,name=twice");
      assertThat(first.objectName()).isNotNull();
    }
  }

  @Test
  void closeIsIdempotentAndNamesWithSpecialCharactersAreQuoted() throws Exception {
    JmxRegistration registration = JmxRegistration.register(new Counter(7), "Test", "a,b=c");
    ObjectName name = registration.objectName();
    assertThat(name.getKeyProperty("name")).isEqualTo("\"a,b=c\"");
    assertThat(server.getAttribute(name, "Count")).isEqualTo(7L);
    registration.close();
    registration.close();
    assertThat(server.isRegistered(name)).isFalse();
  }

  @Test
  void aSingletonHasNoNameKey() {
    assertThat(JmxRegistration.objectName("Monitor", null).toString())
        .isEqualTo("io.heapwise:type=Monitor");
  }

  @Test
  void anObjectThatIsNotAnMxBeanIsRefused() {
    assertThatThrownBy(() -> JmxRegistration.register("plain string", "Test", "bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("io.heapwise:type=Test,name=bad");
  }
}
