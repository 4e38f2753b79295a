package org.qsebms.hal;

/** The contactors of a pack, in their economised closing order: negative, precharge, positive. */
public enum ContactorId {
    MAIN_NEGATIVE,
    PRECHARGE,
    MAIN_POSITIVE
}
