package org.qsebms.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why a file could not be read, in words and with the fix, for every command that reads a file.
 * The JDK's own message of a missing file is just its name ("cannot read x.csv: x.csv").
 */
public final class FileErrorText {
    private FileErrorText() {}

    /** "cannot read {@code what} FILE: reason; fix", e.g. {@code what} = "cell log". */
    public static String cannotRead(String what, Path file, IOException e) {
        return "cannot read " + what + " " + file + ": " + reason(file, e);
    }

    /** The reason alone: no such file (and which folder is missing), a directory, no permission, not text. */
    public static String reason(Path file, IOException e) {
        Path absolute = file.toAbsolutePath().normalize();
        if (e instanceof NoSuchFileException) {
            Path parent = absolute.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                return "no such file: the folder " + parent + " does not exist; check the path";
            }
            return "no such file" + (file.isAbsolute() ? "" : " (looked for " + absolute + ")")
                    + "; check the name and the working directory "
                    + Path.of("").toAbsolutePath();
        }
        if (Files.isDirectory(file)) {
            return "it is a folder, not a file; name a file inside it";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is a file, not a folder; check the path";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied for user " + System.getProperty("user.name")
                    + "; check the file's owner and mode " + "(ls -l " + absolute + ")";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text (a binary file, or text in another encoding: save it as UTF-8)";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
}
