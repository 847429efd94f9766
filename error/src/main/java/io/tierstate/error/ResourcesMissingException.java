package io.tierstate.error;

import java.util.List;

/**
 * Every resource a deployment records reads NotFound, so destroy has nothing it could prove it
 * deleted. That is what a state from another account, another region or an old copy looks like;
 * destroy stops without archiving the state. When the resources really are gone, forget the state
 * explicitly with {@code destroy().assumeGone()} ({@code tierstate destroy NAME --assume-gone}).
 */
public class ResourcesMissingException extends CloudException {

    private static final long serialVersionUID = 1L;

    private final List<String> resources;

    /**
     * Creates the exception.
     *
     * @param deployment the stack name
     * @param where the account and region looked in, e.g. {@code AWS account 123456789012 in eu-west-1}
     * @param resources the ids that read NotFound
     * @param fix what to do, in the caller's words
     */
    public ResourcesMissingException(String deployment, String where, List<String> resources, String fix) {
        super("none of the " + resources.size() + " resource(s) deployment '" + deployment + "' records exists in "
                + where + " (" + String.join(", ", resources) + "); the state was kept and nothing was deleted. If it"
                + " belongs to another account or region, use that one; if the resources really are gone, " + fix, false);
        this.resources = List.copyOf(resources);
    }

    /** @return the ids that read NotFound */
    public List<String> resources() {
        return resources;
    }
}
