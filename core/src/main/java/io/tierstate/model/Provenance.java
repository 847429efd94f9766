package io.tierstate.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * Where a resource came from, as {@code resource_provenance} records it: an open vocabulary, kept
 * verbatim. GeuseMaker writes {@code created}, {@code reused}, {@code pending} (while it creates),
 * {@code discovered}, {@code auto_discovered} (state recovery) and {@code none}; any other value is
 * read and written back unchanged.
 *
 * <p>What destroy does with each (SPEC §5): {@link #CREATED}, {@link #PENDING} and no value at all
 * are deleted when they exist; {@link #REUSED}, {@link #DISCOVERED} and {@link #AUTO_DISCOVERED} are
 * never deleted; {@link #NONE} means there is nothing to delete; any other value is kept unless the
 * destroy includes it explicitly ({@code destroy().includeProvenance("x")}).
 *
 * <pre>{@code
 * Provenance p = Provenance.of("pending");
 * boolean goes = p.deletedByDefault();   // true
 * }</pre>
 */
public final class Provenance {

    /** Created for this deployment: destroy deletes it. */
    public static final Provenance CREATED = new Provenance("created");
    /** Existed before (a shared VPC, say): destroy never touches it. */
    public static final Provenance REUSED = new Provenance("reused");
    /** Being created when the state was written (a half-built stack): destroy deletes it if it exists. */
    public static final Provenance PENDING = new Provenance("pending");
    /** Found in the account by GeuseMaker's state recovery: never deleted. */
    public static final Provenance DISCOVERED = new Provenance("discovered");
    /** Found automatically (a default VPC, say): never deleted. */
    public static final Provenance AUTO_DISCOVERED = new Provenance("auto_discovered");
    /** There is no such resource: nothing to delete. */
    public static final Provenance NONE = new Provenance("none");

    private static final List<Provenance> KNOWN = List.of(CREATED, REUSED, PENDING, DISCOVERED, AUTO_DISCOVERED, NONE);

    private final String value;

    private Provenance(String value) {
        this.value = value;
    }

    /**
     * The provenance written as {@code value}, kept verbatim; the well-known constants are returned
     * for their exact wire names.
     *
     * @param value the value as written, e.g. {@code pending}
     * @return the provenance
     */
    @JsonCreator
    public static Provenance of(String value) {
        Objects.requireNonNull(value, "provenance value");
        for (Provenance p : KNOWN) {
            if (p.value.equals(value)) {
                return p;
            }
        }
        return new Provenance(value);
    }

    /**
     * Same as {@link #of(String)}; kept for callers of the former enum.
     *
     * @param text the value
     * @return the provenance
     */
    public static Provenance parse(String text) {
        return of(text);
    }

    /** @return the well-known values, in the order the documentation lists them */
    public static List<Provenance> known() {
        return KNOWN;
    }

    /** @return the value exactly as written */
    @JsonValue
    public String wireName() {
        return value;
    }

    /** @return whether this is one of the {@linkplain #known() well-known values} */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    /** @return whether the value is empty or blank, which the logic treats as no value (counts as created) */
    public boolean isBlank() {
        return value.isBlank();
    }

    /** @return whether destroy deletes the resource without being asked: created, pending, or blank */
    public boolean deletedByDefault() {
        return equals(CREATED) || equals(PENDING) || isBlank();
    }

    /** @return whether destroy never deletes the resource: reused, discovered, auto_discovered */
    public boolean neverDeleted() {
        return equals(REUSED) || equals(DISCOVERED) || equals(AUTO_DISCOVERED);
    }

    /** @return whether the value says there is no such resource ({@code none}) */
    public boolean meansNothing() {
        return equals(NONE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Provenance p && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
