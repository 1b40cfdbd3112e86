/**
 * Data sets for GADN: labelled images (artist-per-folder trees, IDX/QMNIST files, synthetic sets),
 * preprocessing (docs/method.md §2.2), alpha and weight maps (§2.3–2.4) and seeded batching (§2.5).
 *
 * <p>Everything here is pure Java: no engine is needed to read, inspect or batch data.
 */
package io.github.gadn.data;
