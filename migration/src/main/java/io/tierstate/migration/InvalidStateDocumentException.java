package io.tierstate.migration;

import io.tierstate.error.InvalidInputException;
import java.util.Optional;

/**
 * Thrown when a state document cannot be read or migrated because of what it contains: it is not a
 * JSON object, its {@code schema_version} is not a positive whole number, or a field has a shape the
 * upgraders cannot work with.
 *
 * <p>The message names the field, shows the offending value and says how to fix the document. When
 * the document came from a file and the caller passed its name (see
 * {@link StateMigrator#migrate(com.fasterxml.jackson.databind.JsonNode, String)}), the message starts
 * with that name, e.g. {@code "gpu-global.json: schema_version \"two\" is not ..."}.
 */
public class InvalidStateDocumentException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String detail;

    /**
     * Creates an exception for a document problem.
     *
     * @param message what is wrong, with the value, and what to do about it
     */
    public InvalidStateDocumentException(String message) {
        this(null, message, null);
    }

    /**
     * Creates an exception for a document problem detected through another failure.
     *
     * @param message what is wrong, with the value, and what to do about it
     * @param cause the underlying failure
     */
    public InvalidStateDocumentException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /**
     * Creates an exception for a problem in the document read from {@code source}.
     *
     * @param source where the document came from (a file name, a key), or {@code null} when unknown
     * @param detail what is wrong, with the value, and what to do about it
     * @param cause the underlying failure, or {@code null}
     */
    protected InvalidStateDocumentException(String source, String detail, Throwable cause) {
        super(withSourcePrefix(source, detail), cause);
        this.source = source;
        this.detail = detail;
    }

    /**
     * Returns where the document came from, when the caller said so.
     *
     * @return the source given to {@code migrate(document, source)}, or empty
     */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /**
     * Returns the message without the source prefix.
     *
     * @return what is wrong and what to do, without the file name
     */
    public String detail() {
        return detail;
    }

    /**
     * Returns this problem attributed to {@code source}, keeping the type and stack trace; used by the
     * migrator, which knows the file name that the upgrader throwing this exception did not.
     * Subclasses outside this package are returned unchanged.
     */
    InvalidStateDocumentException withSource(String source) {
        if (source == null || this.source != null || getClass() != InvalidStateDocumentException.class) {
            return this;
        }
        return keepTrace(new InvalidStateDocumentException(source, detail, getCause()));
    }

    /** Copies this exception's stack trace onto its re-attributed copy so that it still points at the upgrader. */
    final <T extends InvalidStateDocumentException> T keepTrace(T copy) {
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    static String withSourcePrefix(String source, String detail) {
        return source == null ? detail : source + ": " + detail;
    }
}
