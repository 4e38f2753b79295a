package org.qsebms.bms.offline.replay;

/** A cell log that cannot be read; the message names the file, line and column. */
public final class LogFormatException extends RuntimeException {
    public LogFormatException(String message) {
        super(message);
    }
}
