package org.qsebms.bms.persistence;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says in words what an I/O failure on a file was: Java's file exceptions often carry only the path
 * ({@code AccessDeniedException: /var/lib/qse-bms}), which is no reason at all.
 */
public final class FileProblem {
    private FileProblem() {}

    /** "permission denied (PATH)", "not a directory (PATH)", "read-only file system (PATH)", ... */
    public static String describe(IOException e) {
        String path = e instanceof FileSystemException fse && fse.getFile() != null
                ? " (" + fse.getFile() + (fse.getOtherFile() != null ? " -> " + fse.getOtherFile() : "") + ")"
                : "";
        String reason = e instanceof FileSystemException fse ? fse.getReason() : null;
        if (e instanceof AccessDeniedException) {
            return "permission denied" + path;
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory" + path;
        }
        if (e instanceof NoSuchFileException) {
            return "does not exist" + path;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a directory that is not empty is in the way" + path;
        }
        if (e instanceof FileAlreadyExistsException) {
            return (reason != null ? reason : "a file is in the way") + path;
        }
        if (reason != null) {
            return reason.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + reason.substring(1) + path;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
