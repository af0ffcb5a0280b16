/**
 * eBPF maps shared by programs and Java ({@link org.csdlab.ebpf.maps.ArrayMap}, {@link
 * org.csdlab.ebpf.maps.HashTableMap}, {@link org.csdlab.ebpf.maps.LruHashMap}, {@link
 * org.csdlab.ebpf.maps.RingBufferMap}), the {@link org.csdlab.ebpf.maps.MapSet} that puts their
 * values in VM memory, and the Linux helper set that reaches them.
 */
package org.csdlab.ebpf.maps;
