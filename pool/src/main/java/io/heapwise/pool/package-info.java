/**
 * heapwise pool: lock-free object pools for request-scoped objects.
 *
 * <p>{@link io.heapwise.pool.ObjectPool} hands out {@link io.heapwise.pool.Pooled} handles; a
 * {@link io.heapwise.pool.PoolableFactory} creates, resets, validates and destroys the objects; a
 * {@link io.heapwise.pool.PoolConfig} sizes the pool and says what happens when it runs dry.
 */
package io.heapwise.pool;
