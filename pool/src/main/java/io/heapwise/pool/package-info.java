/** heapwise pool: lands with its own issue; see the README's module map. */
package io.heapwise.pool;
