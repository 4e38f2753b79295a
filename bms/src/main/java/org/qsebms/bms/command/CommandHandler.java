package org.qsebms.bms.command;

import org.qsebms.bms.control.OperatorSettings;
import org.qsebms.bms.supervisor.SupervisorRequests;

/**
 * Applies validated commands through the loop's lock-free request objects. Runs on the telemetry
 * thread. The reset and close answers depend on the loop's decision at its next tick, so they return
 * {@code null} and the result is published when the loop reports the outcome.
 */
public final class CommandHandler {
    private final SupervisorRequests requests;
    private final OperatorSettings operator;
    private long lastResetTicket;
    private long lastCloseTicket;
    private long lastServiceReset;

    public CommandHandler(SupervisorRequests requests, OperatorSettings operator) {
        this.requests = requests;
        this.operator = operator;
    }

    /** Takes back a reset the loop has not taken yet; true if it was still waiting. */
    public boolean withdrawReset() {
        return requests.withdrawReset();
    }

    /** Takes back the service reset queued under {@code number} if the loop has not taken it; true if it waited. */
    public boolean withdrawServiceReset(long number) {
        return requests.withdrawServiceReset(number);
    }

    /** The number the last service reset this handler queued got (0 before any): it is withdrawn by it. */
    public long lastServiceReset() {
        return lastServiceReset;
    }

    /** Takes back a close the loop has not taken yet; true if it was still waiting. */
    public boolean withdrawClose() {
        return requests.withdrawClose();
    }

    /** The ticket of the last close this handler requested (0 before any): its answer names it. */
    public long lastCloseTicket() {
        return lastCloseTicket;
    }

    /** The ticket of the last reset this handler requested (0 before any): its answer names it. */
    public long lastResetTicket() {
        return lastResetTicket;
    }

    /** Applies {@code c}; returns its result, or null when the result follows later (reset, close). */
    public CommandResult apply(Command c, String id) {
        // only a command acted on cancels a scheduled diagnostic: not a refused one, a read (snapshot) or a reset
        // (accepted only in FAULT, where none runs); a close counts once the loop accepts it (Supervisor)
        return switch (c) {
            case Command.Reset r -> {
                lastResetTicket = requests.requestReset();
                yield null;
            }
            case Command.ServiceReset r -> {
                long number = requests.queueServiceReset();
                if (number == 0) {
                    yield CommandResult.rejected(c.name(), id, requests.serviceResetQueueFull());
                }
                lastServiceReset = number;
                yield CommandResult.accepted(
                        c.name(),
                        id,
                        "service reset requested: the control loop accepts it only "
                                + "when no fault condition is present (the outcome follows on the events topic); one "
                                + "the loop has not judged within 3 s is withdrawn, and a second result says so");
            }
            case Command.ChargeLimit l -> {
                requests.noteOperatorCommand();
                operator.capChargeAmps(l.amps());
                yield new CommandResult(
                        c.name(),
                        id,
                        true,
                        "charge current capped at " + l.amps()
                                + " A (the effective limit is the lower of this cap and the protection's derated limit)",
                        l.amps());
            }
            case Command.DischargeLimit l -> {
                requests.noteOperatorCommand();
                operator.capDischargeAmps(l.amps());
                yield new CommandResult(
                        c.name(),
                        id,
                        true,
                        "discharge current capped at " + l.amps()
                                + " A (the effective limit is the lower of this cap and the protection's derated limit)",
                        l.amps());
            }
            case Command.Balancing b -> {
                requests.noteOperatorCommand();
                operator.setBalancingEnabled(b.enabled());
                yield CommandResult.accepted(
                        c.name(),
                        id,
                        b.enabled()
                                ? "balancing enabled (it still runs only at rest or charging, within temperature limits)"
                                : "balancing disabled");
            }
            case Command.Snapshot s -> CommandResult.accepted(c.name(), id, "state, cells and health published");
            case Command.Contactors k
            when k.close() -> {
                // judged by the loop at its next tick: the answer (accepted, or refused naming the cause) follows
                lastCloseTicket = requests.requestClose();
                yield null;
            }
            case Command.Contactors k -> {
                requests.requestOpen();
                yield CommandResult.accepted(c.name(), id, "open requested");
            }
        };
    }
}
