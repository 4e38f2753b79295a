/**
 * The per-cycle record: every charge/discharge cycle of every cell and every scheduled diagnostic
 * checkpoint, counted allocation-free on the control loop ({@link org.qsebms.bms.record.CycleCounter}),
 * handed over through a bounded queue ({@link org.qsebms.bms.record.CycleQueue}) and appended as
 * CSV by a background thread with an fsync per cycle ({@link org.qsebms.bms.record.CycleRecordWriter}).
 * Columns and units: docs/record.md. Current is positive while charging.
 */
package org.qsebms.bms.record;
