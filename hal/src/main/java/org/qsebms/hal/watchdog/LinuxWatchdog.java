package org.qsebms.hal.watchdog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.qsebms.hal.Watchdog;

/**
 * The Linux watchdog device ({@code /dev/watchdog}): opening it arms the timer, each write
 * feeds it, writing the magic character 'V' before closing disarms it (unless the kernel was
 * built with nowayout). Feeding never throws: a failed write is kept as {@link #lastError()}
 * and the board resets when the timer runs out, which is the point.
 */
public final class LinuxWatchdog implements Watchdog {
    private final Path device;
    private final FileChannel channel;
    private final ByteBuffer feedByte = ByteBuffer.allocateDirect(1);
    private final ByteBuffer magicClose = ByteBuffer.allocateDirect(1);
    private String lastError = "";
    private long feeds;

    /**
     * @throws IllegalStateException naming the device and the fix when it cannot be opened
     */
    public LinuxWatchdog(Path device) {
        this.device = device;
        try {
            this.channel = FileChannel.open(device, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "watchdog " + device + " cannot be opened (" + e + "); enable it with "
                            + "dtparam=watchdog=on in /boot/firmware/config.txt, make sure no other daemon (systemd RuntimeWatchdogSec, "
                            + "watchdog package) holds it, and give the service user write access (udev rule or group), "
                            + "or set hal.pi4j.watchdog.device to \"\" to run without it",
                    e);
        }
        feedByte.put(0, (byte) 0);
        magicClose.put(0, (byte) 'V');
    }

    @Override
    public void feed() {
        try {
            feedByte.rewind();
            channel.write(feedByte);
            feeds++;
        } catch (IOException e) {
            lastError = "watchdog " + device + ": feed failed: " + e.getMessage();
        }
    }

    public long feeds() {
        return feeds;
    }

    /** Empty while every feed succeeded. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        try {
            magicClose.rewind();
            channel.write(magicClose);
            channel.close();
        } catch (IOException e) {
            lastError = "watchdog " + device + ": magic close failed: " + e.getMessage();
        }
    }
}
