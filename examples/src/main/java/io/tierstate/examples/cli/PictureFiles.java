package io.tierstate.examples.cli;

import io.tierstate.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing the pictures and reports the commands make (SVG, HTML): checked before the work, written atomically. */
final class PictureFiles {

    private PictureFiles() {}

    /**
     * Checks a file can be written, before a command spends time on what goes in it.
     *
     * @param option the option that named it, for the message, e.g. {@code --timeline}
     * @param file the file
     * @param suffix what its name should end with, e.g. {@code .svg}
     * @param example a good file name, for the message
     * @return the absolute path
     */
    static Path check(String option, Path file, String suffix, String example) {
        Path target = file.toAbsolutePath().normalize();
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(suffix)) {
            throw new InvalidInputException(option + " takes a file name ending in " + suffix + ", was '" + file
                    + "'; e.g. " + example);
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException(option + " " + file + ": no such directory " + dir + "; create it or write the file"
                    + " elsewhere");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(option + " " + file + " is a directory; give a file name ending in " + suffix);
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidInputException(option + " " + file + ": the directory " + dir + " is not writable; write the file"
                    + " elsewhere");
        }
        return target;
    }

    /**
     * Writes the text through a temporary file in the same directory, so the file is whole or absent.
     *
     * @param option the option that named it, for the message
     * @param target the file, as {@link #check} gave it
     * @param text what to write
     */
    static void write(String option, Path target, String text) {
        try {
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InvalidInputException(option + " " + target + " could not be written (" + reason(e)
                    + "); check the disk and the directory's permissions");
        }
    }

    /** What went wrong in words: the exception's type is a Java name, and the message of most is a bare path. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "its directory is gone";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "an I/O error" : e.getMessage();
    }
}
