/**
 * State that must survive power loss: per-cell SOC, capacity, resistance and SEI history
 * placeholders, cycle count, Ah throughput, lithium inventory and the fault log. The control
 * loop hands a preallocated snapshot to a background writer through a non-blocking one-slot
 * handoff ({@link org.qsebms.bms.persistence.StateHandoff}); the writer encodes it and replaces
 * the state file atomically (temporary file, fsync, atomic rename, directory fsync), with a
 * CRC32 over the content in the file ({@link org.qsebms.bms.persistence.StateFile}), and keeps the
 * generation it replaced as {@code NAME.previous}. A main file that cannot be used gives way to the
 * previous generation; no file at all gives safe defaults; a saved state that neither generation can
 * give is reported as unknown, and the start latches {@code PERSISTED_STATE_UNKNOWN}. Never an exception.
 */
package org.qsebms.bms.persistence;
