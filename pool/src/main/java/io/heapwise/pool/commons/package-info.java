/**
 * A bridge between heapwise pools and Apache Commons Pool 2, which is an optional dependency: only
 * code that uses this package needs {@code commons-pool2} on its class path.
 *
 * <ul>
 *   <li>{@link io.heapwise.pool.commons.CommonsObjectPool}: a heapwise pool seen as an {@code
 *       org.apache.commons.pool2.ObjectPool}, so code written against Commons Pool switches with
 *       one line.
 *   <li>{@link io.heapwise.pool.commons.CommonsFactory}: an existing {@code PooledObjectFactory}
 *       used as a heapwise {@link io.heapwise.pool.PoolFactory}.
 * </ul>
 */
package io.heapwise.pool.commons;
