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
}
