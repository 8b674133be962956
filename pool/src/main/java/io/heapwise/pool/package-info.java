/**
 * heapwise pool: lock-free object pools for request-scoped objects.
 *
 * <p>Start at {@link io.heapwise.pool.ObjectPool}: a pool of objects made by a {@link
 * io.heapwise.pool.PoolFactory}, configured by a {@link io.heapwise.pool.PoolConfig}, lent out as
 * {@link io.heapwise.pool.Pooled} handles that are given back with {@code close()}. A same-thread
 * borrow and release costs one compare-and-set and one ordered store and allocates nothing.
 */
package io.heapwise.pool;
