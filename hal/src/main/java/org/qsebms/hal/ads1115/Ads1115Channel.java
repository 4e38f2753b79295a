package org.qsebms.hal.ads1115;

import org.qsebms.hal.adc.AdcChannel;

/** One mux setting of an {@link Ads1115} with its range and data rate. */
public final class Ads1115Channel implements AdcChannel {
    private final Ads1115 chip;
    private final Ads1115Mux mux;
    private final Ads1115Pga pga;
    private final Ads1115DataRate rate;
    private final String location;
    private int lastCode;

    public Ads1115Channel(Ads1115 chip, Ads1115Mux mux, Ads1115Pga pga, Ads1115DataRate rate) {
        this.chip = chip;
        this.mux = mux;
        this.pga = pga;
        this.rate = rate;
        this.location = chip.location() + " " + mux.label();
    }

    @Override
    public double readVolts() {
        lastCode = chip.convert(mux, pga, rate);
        return lastCode * pga.voltsPerCode();
    }

    @Override
    public void start() {
        chip.start(mux, pga, rate);
    }

    @Override
    public long readyAfterNanos() {
        return rate.conversionNanos();
    }

    @Override
    public void awaitReady() {
        chip.awaitReady(mux, rate);
    }

    @Override
    public double collectVolts() {
        lastCode = chip.readConversion();
        return lastCode * pga.voltsPerCode();
    }

    @Override
    public Object converter() {
        return chip;
    }

    @Override
    public int lastCode() {
        return lastCode;
    }

    @Override
    public boolean lastClipped() {
        return lastCode == Short.MAX_VALUE || lastCode == Short.MIN_VALUE;
    }

    /** A single-ended input reads code 0 (or a few codes below, its offset) at ground and cannot go lower. */
    @Override
    public boolean lastAtBottom() {
        return mux.differential() ? lastCode == Short.MIN_VALUE : lastCode <= 0;
    }

    @Override
    public double fullScaleVolts() {
        return pga.fullScaleVolts();
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public long conversionNanos() {
        return rate.conversionNanos();
    }

    public Ads1115Mux mux() {
        return mux;
    }
}
