package org.qsebms.bms.persistence;

/**
 * A fault edge on its way from the control loop to the writer: the entry for the fault log, and the controller's
 * operating time at the edge (which the repeated-trip lockout's history dates its trips by).
 */
record PendingFault(FaultLogEntry entry, long operatingMillis) {}
