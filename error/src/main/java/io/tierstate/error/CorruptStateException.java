package io.tierstate.error;

import java.util.OptionalInt;

/**
 * A stored state document cannot be read: not JSON, the wrong shape, too large, or too deeply
 * nested. The stored bytes are left exactly as they were.
 */
public class CorruptStateException extends StateException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;

    /**
     * Creates the exception.
     *
     * @param source the file or object that could not be read
     * @param line the 1-based line of the problem, or 0 when not known
     * @param column the 1-based column of the problem, or 0 when not known
     * @param problem what is wrong
     * @param cause the parser's exception, or {@code null}
     */
    public CorruptStateException(String source, int line, int column, String problem, Throwable cause) {
        super(source + (line > 0 ? " (line " + line + ", column " + column + ")" : "") + ": " + problem
                + ". The file was left untouched; fix it by hand or restore a backup"
                + " (DeploymentHandle.backups()/restore(...)).", cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** @return the file or object that could not be read */
    public String source() {
        return source;
    }

    /** @return the 1-based line of the problem, when known */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** @return the 1-based column of the problem, when known */
    public OptionalInt column() {
        return line > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }
}
