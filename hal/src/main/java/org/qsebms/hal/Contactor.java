package org.qsebms.hal;

/** One contactor (relay) coil drive with its auxiliary-contact feedback. */
public interface Contactor {
    ContactorId id();

    /** Energises ({@code true}) or releases ({@code false}) the coil. */
    void command(boolean closed);

    /** The last commanded coil state. */
    boolean commandedClosed();

    /** The auxiliary-contact feedback: {@code true} when the main contacts are closed. */
    boolean feedbackClosed();

    /**
     * False when the last {@link #feedbackClosed()} could not read the feedback (a bus error on a
     * chip's FET status): it then answered open, the safe side, but that is no judgement of the
     * contacts. A GPIO auxiliary contact is always readable.
     */
    default boolean feedbackReadable() {
        return true;
    }
}
