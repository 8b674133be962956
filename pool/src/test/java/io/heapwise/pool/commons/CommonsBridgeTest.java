package io.heapwise.pool.commons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwise.pool.MissPolicy;
import io.heapwise.pool.PoolConfig;
import io.heapwise.pool.PoolException;
import io.heapwise.pool.PoolExhaustedException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.ObjectPool;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.junit.jupiter.api.Test;

class CommonsBridgeTest {

  static final class Conn {
    boolean open = true;
    boolean active;
  }

  /** A Commons factory as users already have them, recording every call. */
  static final class ConnFactory extends BasePooledObjectFactory<Conn> {
    final List<String> calls = new ArrayList<>();
    volatile boolean down;

    @Override
    public Conn create() throws Exception {
      if (down) {
        throw new java.io.IOException("connection refused");
      }
      calls.add("make");
      return new Conn();
    }

    @Override
    public PooledObject<Conn> wrap(Conn conn) {
      return new DefaultPooledObject<>(conn);
    }

    @Override
    public void activateObject(PooledObject<Conn> p) {
      calls.add("activate");
      p.getObject().active = true;
    }

    @Override
    public boolean validateObject(PooledObject<Conn> p) {
      calls.add("validate");
      return p.getObject().open;
    }

    @Override
    public void passivateObject(PooledObject<Conn> p) {
      calls.add("passivate");
      p.getObject().active = false;
    }

    @Override
    public void destroyObject(PooledObject<Conn> p) {
      calls.add("destroy");
      p.getObject().open = false;
    }
  }

  private final ConnFactory factory = new ConnFactory();

  private ObjectPool<Conn> pool(int max) {
    return CommonsObjectPool.create(
        PoolConfig.builder("conn").maxSize(max).missPolicy(MissPolicy.FAIL).build(), factory);
  }

  @Test
  void borrowAndReturnReuseTheObjectThroughCommonsHooks() throws Exception {
    try (ObjectPool<Conn> pool = pool(2)) {
      Conn conn = pool.borrowObject();
      assertThat(pool.getNumActive()).isEqualTo(1);
      pool.returnObject(conn);
      assertThat(pool.getNumIdle()).isEqualTo(1);
      assertThat(pool.getNumActive()).isZero();
      assertThat(conn.active).isFalse();
      Conn again = pool.borrowObject();
      assertThat(again).isSameAs(conn);
      assertThat(again.active).isTrue();
      pool.returnObject(again);
      assertThat(factory.calls)
          .containsExactly("make", "passivate", "activate", "validate", "passivate");
    }
  }

  @Test
  void invalidObjectIsDestroyedAndReplaced() throws Exception {
    try (ObjectPool<Conn> pool = pool(1)) {
      Conn conn = pool.borrowObject();
      pool.returnObject(conn);
      conn.open = false;
      Conn fresh = pool.borrowObject();
      assertThat(fresh).isNotSameAs(conn);
      assertThat(factory.calls).contains("destroy");
      pool.returnObject(fresh);
    }
  }

  @Test
  void invalidateObjectDestroysAndGivesCapacityBack() throws Exception {
    try (ObjectPool<Conn> pool = pool(1)) {
      Conn conn = pool.borrowObject();
      pool.invalidateObject(conn);
      assertThat(conn.open).isFalse();
      assertThat(pool.getNumActive()).isZero();
      Conn next = pool.borrowObject();
      assertThat(next).isNotSameAs(conn);
      pool.returnObject(next);
    }
  }

  @Test
  void returningTwiceOrAForeignObjectThrowsNamingThePool() throws Exception {
    try (ObjectPool<Conn> pool = pool(2)) {
      Conn conn = pool.borrowObject();
      pool.returnObject(conn);
      assertThatIllegalStateException()
          .isThrownBy(() -> pool.returnObject(conn))
          .withMessageContaining("pool conn: cannot return")
          .withMessageContaining("not currently borrowed");
      assertThatIllegalStateException().isThrownBy(() -> pool.returnObject(new Conn()));
      assertThatIllegalStateException().isThrownBy(() -> pool.invalidateObject(new Conn()));
      assertThat(pool.getNumIdle()).isEqualTo(1);
    }
  }

  @Test
  void addObjectClearAndClose() throws Exception {
    ObjectPool<Conn> pool = pool(3);
    pool.addObject();
    pool.addObject();
    assertThat(pool.getNumIdle()).isEqualTo(2);
    pool.clear();
    assertThat(pool.getNumIdle()).isZero();
    Conn held = pool.borrowObject();
    pool.close();
    assertThatIllegalStateException().isThrownBy(pool::borrowObject);
    pool.returnObject(held);
    assertThat(held.open).isFalse();
  }

  @Test
  void exhaustionAndFactoryFailuresSurfaceAsHeapwiseExceptions() throws Exception {
    try (ObjectPool<Conn> pool = pool(1)) {
      Conn conn = pool.borrowObject();
      assertThatThrownBy(pool::borrowObject).isInstanceOf(PoolExhaustedException.class);
      pool.invalidateObject(conn);
      factory.down = true;
      assertThatThrownBy(pool::borrowObject)
          .isInstanceOf(PoolException.class)
          .hasMessageContaining("pool conn")
          .hasRootCauseMessage("connection refused");
      factory.down = false;
      pool.returnObject(pool.borrowObject());
    }
  }

  @Test
  void unwrapGivesTheHeapwisePool() throws Exception {
    try (CommonsObjectPool<Conn> pool =
        CommonsObjectPool.create(PoolConfig.builder("conn").build(), factory)) {
      pool.returnObject(pool.borrowObject());
      assertThat(pool.unwrap().stats().borrows()).isEqualTo(1);
      assertThat(pool.unwrap().name()).isEqualTo("conn");
    }
  }
}
