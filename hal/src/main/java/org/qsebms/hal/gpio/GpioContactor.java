package org.qsebms.hal.gpio;

import org.qsebms.hal.Contactor;
import org.qsebms.hal.ContactorId;
import org.qsebms.hal.bus.GpioInput;
import org.qsebms.hal.bus.GpioOutput;

/**
 * A contactor whose coil driver is switched by a GPIO (high = energised) and whose auxiliary
 * contact is read on another GPIO. {@code auxClosedHigh} says which level means "main
 * contacts closed" (an aux contact to ground with a pull-up reads low when closed).
 * A welded contactor shows as feedback closed while commanded open; the controller compares
 * {@link #commandedClosed()} with {@link #feedbackClosed()} after the contactor's settle time.
 */
public final class GpioContactor implements Contactor {
    private final ContactorId id;
    private final GpioOutput coil;
    private final GpioInput aux;
    private final boolean auxClosedHigh;
    private boolean commanded;

    public GpioContactor(ContactorId id, GpioOutput coil, GpioInput aux, boolean auxClosedHigh) {
        this.id = id;
        this.coil = coil;
        this.aux = aux;
        this.auxClosedHigh = auxClosedHigh;
        coil.set(false);
    }

    @Override
    public ContactorId id() {
        return id;
    }

    @Override
    public void command(boolean closed) {
        // what was asked, even if the write throws: an open whose write failed is still an open the supervisor
        // sends again while the contactor reads closed, and a close whose write failed is judged by its feedback
        commanded = closed;
        coil.set(closed);
    }

    @Override
    public boolean commandedClosed() {
        return commanded;
    }

    @Override
    public boolean feedbackClosed() {
        return aux.isHigh() == auxClosedHigh;
    }

    /** {@code MAIN_POSITIVE coil GPIO 5, aux GPIO 6}, for messages. */
    public String location() {
        return id + " coil GPIO " + coil.pin() + ", aux GPIO " + aux.pin();
    }
}
