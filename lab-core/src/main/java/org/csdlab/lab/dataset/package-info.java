/**
 * Deterministic datasets: {@link org.csdlab.lab.dataset.Datasets} starts one (u32 readings as
 * OpenCSD's experiments use, 32-byte sensor records, log lines), {@link
 * org.csdlab.lab.dataset.Dataset} sets its seed, size and selectivity and writes it to zones, a
 * file or a stream; {@link org.csdlab.lab.dataset.DatasetManifest} lists the canonical datasets
 * with their SHA-256.
 */
package org.csdlab.lab.dataset;
