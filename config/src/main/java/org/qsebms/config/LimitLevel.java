package org.qsebms.config;

/** The three limit levels, in rising severity. */
public enum LimitLevel {
    /** Maximum operating limit: inform. */
    MOL,
    /** Recommended safety limit: warn and derate. */
    RSL,
    /** Maximum safety limit: open the contactors. */
    MSL
}
