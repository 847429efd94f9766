package io.tierstate.cost;

import io.tierstate.error.InvalidInputException;

/**
 * A price catalog cannot be used: the file is not JSON, a field has the wrong type, a price is
 * negative, transfer tiers do not ascend, a required field such as {@code as_of} is missing, and so
 * on.
 *
 * <p>The message names the catalog ({@link #source()}), the offending field as a JSON pointer
 * ({@link #pointer()}, e.g. {@code /cloudfront/data_transfer_out/tiers/2/up_to_gb}) and what to fix.
 */
public class InvalidPriceCatalogException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** Where the catalog came from. */
    private final String source;
    /** JSON pointer of the offending field. */
    private final String pointer;
    /** What is wrong and the fix. */
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param source the file or origin of the catalog, e.g. {@code /home/me/prices.json}
     * @param pointer JSON pointer of the offending field; empty for the whole document
     * @param problem what is wrong and what to do about it
     */
    public InvalidPriceCatalogException(String source, String pointer, String problem) {
        this(source, pointer, problem, null);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param source the file or origin of the catalog
     * @param pointer JSON pointer of the offending field; empty for the whole document
     * @param problem what is wrong and what to do about it
     * @param cause the underlying failure, or null
     */
    public InvalidPriceCatalogException(String source, String pointer, String problem, Throwable cause) {
        super("Invalid price catalog " + source + " at "
                + (pointer.isEmpty() ? "the document root" : pointer) + ": " + problem, cause);
        this.source = source;
        this.pointer = pointer;
        this.problem = problem;
    }

    /**
     * Where the catalog came from: a file path, {@code "JSON text"}, or {@code "built in code"}.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * The JSON pointer of the offending field ({@code ""} for the whole document).
     *
     * @return the pointer
     */
    public String pointer() {
        return pointer;
    }

    /**
     * What is wrong and how to fix it, without the source and pointer.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }

    InvalidPriceCatalogException withSource(String newSource) {
        return new InvalidPriceCatalogException(newSource, pointer, problem, getCause());
    }
}
