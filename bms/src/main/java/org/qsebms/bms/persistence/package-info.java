/**
 * State that must survive power loss: per-cell SOC, capacity, resistance and SEI history
 * placeholders, cycle count, Ah throughput, lithium inventory and the fault log. The control
 * loop hands a preallocated snapshot to a background writer through a non-blocking one-slot
 * handoff ({@link org.qsebms.bms.persistence.StateHandoff}); the writer encodes it and replaces
 * the state file atomically (temporary file, fsync, atomic rename, directory fsync), with a
 * CRC32 over the content in the file ({@link org.qsebms.bms.persistence.StateFile}). A missing
 * or corrupt file gives a warning and safe defaults, never an exception.
 */
package org.qsebms.bms.persistence;
