package org.qsebms.bms.command;

/** A validated remote command. */
public sealed interface Command {
    /** Topic level under {@code cmd/}. */
    String name();

    /** Clear latched faults; refused by protection while a fault condition is still present. */
    record Reset() implements Command {
        public String name() {
            return "reset";
        }
    }

    /**
     * The deliberate reset after a repeated-trip lockout (an ordinary reset cannot clear one);
     * refused like a reset while any fault condition is still present.
     */
    record ServiceReset() implements Command {
        public String name() {
            return "service-reset";
        }
    }

    /** Cap the charge current at {@code amps}; validated to lie in 0..protection RSL. */
    record ChargeLimit(double amps) implements Command {
        public String name() {
            return "charge-limit";
        }
    }

    /** Cap the discharge current at {@code amps}; validated to lie in 0..protection RSL. */
    record DischargeLimit(double amps) implements Command {
        public String name() {
            return "discharge-limit";
        }
    }

    /** Enable or disable passive balancing (the balancer still applies its own safety conditions). */
    record Balancing(boolean enabled) implements Command {
        public String name() {
            return "balancing";
        }
    }

    /** Publish state, cells and health now. */
    record Snapshot() implements Command {
        public String name() {
            return "snapshot";
        }
    }

    /** Request the supervisor to close (precharge sequence) or open the contactors. */
    record Contactors(boolean close) implements Command {
        public String name() {
            return "contactors";
        }
    }
}
