package io.tierstate.store;

import java.util.List;
import java.util.Objects;

/**
 * What {@link StateStores#copy} did, deployment by deployment.
 *
 * @param from the source store, as it describes itself
 * @param to the target store, as it describes itself
 * @param items one entry per deployment found in the source, by name
 */
public record CopyReport(String from, String to, List<Item> items) {

    /** What happened to one deployment. */
    public enum Result {
        /** Written to the target, read back and found equal to the source. */
        COPIED,
        /** The target already holds the same state (same serial, same content): nothing written. */
        UP_TO_DATE,
        /** The target holds another state under the name (another serial or content): not overwritten. */
        SKIPPED,
        /** Unreadable in the source, refused by the target, or different when read back. */
        FAILED
    }

    /**
     * One deployment's outcome.
     *
     * @param name the deployment
     * @param result what happened
     * @param serial the source's serial (0 when it could not be read)
     * @param detail why, for anything but {@link Result#COPIED}; where it went otherwise
     */
    public record Item(String name, Result result, long serial, String detail) {

        /** Checks the parts. */
        public Item {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Copies the list so the report stays immutable. */
    public CopyReport {
        items = List.copyOf(items);
    }

    /**
     * The items with one result.
     *
     * @param result the result
     * @return those items, by name
     */
    public List<Item> with(Result result) {
        return items.stream().filter(i -> i.result() == result).toList();
    }

    /** @return whether any deployment failed (a program should then exit non-zero) */
    public boolean hasFailures() {
        return items.stream().anyMatch(i -> i.result() == Result.FAILED);
    }

    /** @return one line per deployment and a summary line, for people */
    public String render() {
        StringBuilder out = new StringBuilder("copy from ").append(from).append("\n       to ").append(to).append('\n');
        for (Item i : items) {
            out.append(String.format("  %-10s %s (serial %d): %s%n", i.result().name().toLowerCase(java.util.Locale.ROOT),
                    i.name(), i.serial(), i.detail()));
        }
        return out.append(String.format("%d copied, %d up to date, %d skipped, %d failed%n", with(Result.COPIED).size(),
                with(Result.UP_TO_DATE).size(), with(Result.SKIPPED).size(), with(Result.FAILED).size())).toString();
    }

    /**
     * The report as JSON: {@code {"from", "to", "items": [{name, result, serial, detail}]}}.
     *
     * @return the JSON text
     */
    public String toJson() {
        var root = io.tierstate.internal.StateCodec.mapper().createObjectNode().put("from", from).put("to", to);
        var arr = root.putArray("items");
        for (Item i : items) {
            arr.addObject().put("name", i.name()).put("result", i.result().name().toLowerCase(java.util.Locale.ROOT))
                    .put("serial", i.serial()).put("detail", i.detail());
        }
        return new String(io.tierstate.internal.StateCodec.writeTree(root), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return render();
    }
}
