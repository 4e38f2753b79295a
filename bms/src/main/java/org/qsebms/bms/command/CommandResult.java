package org.qsebms.bms.command;

/**
 * The answer to one command, published on {@code cmd/<name>/result}.
 *
 * @param name     command name (or {@code unknown} when the topic level was not a valid name)
 * @param id       the caller's correlation id, or null
 * @param accepted true when the command was applied
 * @param reason   why it was rejected, or what was done
 * @param value    the applied numeric value (e.g. the effective cap in A), or NaN
 */
public record CommandResult(String name, String id, boolean accepted, String reason, double value) {
    public static CommandResult rejected(String name, String id, String reason) {
        return new CommandResult(name, id, false, reason, Double.NaN);
    }

    public static CommandResult accepted(String name, String id, String reason) {
        return new CommandResult(name, id, true, reason, Double.NaN);
    }
}
