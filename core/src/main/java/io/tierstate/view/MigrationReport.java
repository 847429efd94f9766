package io.tierstate.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.internal.StateCodec;
import io.tierstate.port.MigrationOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What {@code client.migrate()} did to every stored document: one line per file.
 * {@link #toString()} is the text form.
 */
public final class MigrationReport {

    private final boolean dryRun;
    private final List<MigrationOutcome> outcomes;

    /**
     * Creates the report.
     *
     * @param dryRun whether nothing was written
     * @param outcomes one per document
     */
    public MigrationReport(boolean dryRun, List<MigrationOutcome> outcomes) {
        this.dryRun = dryRun;
        this.outcomes = List.copyOf(outcomes);
    }

    /** @return whether this was a dry run (nothing written) */
    public boolean dryRun() {
        return dryRun;
    }

    /** @return one outcome per document, by name */
    public List<MigrationOutcome> outcomes() {
        return outcomes;
    }

    /**
     * Counts the documents with one result.
     *
     * @param result the result
     * @return how many
     */
    public long count(MigrationOutcome.Result result) {
        return outcomes.stream().filter(o -> o.result() == result).count();
    }

    /** @return whether any document failed */
    public boolean hasFailures() {
        return count(MigrationOutcome.Result.FAILED) > 0;
    }

    /** @return one line per document, then a summary line */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (MigrationOutcome o : outcomes) {
            out.append(switch (o.result()) {
                case MIGRATED -> "migrated      ";
                case WOULD_MIGRATE -> "would migrate ";
                case UP_TO_DATE -> "up to date    ";
                case FAILED -> "FAILED        ";
            }).append(o.name());
            switch (o.result()) {
                case MIGRATED, WOULD_MIGRATE -> out.append("  v").append(o.fromVersion()).append(" -> v").append(o.toVersion())
                        .append(" (").append(String.join(", ", o.steps())).append(')');
                case UP_TO_DATE -> out.append("  v").append(o.toVersion());
                case FAILED -> out.append("  ").append(o.error().orElse(""));
            }
            o.backup().ifPresent(b -> out.append("\n              backup: ").append(b));
            out.append('\n');
        }
        out.append(outcomes.size()).append(outcomes.size() == 1 ? " file" : " files").append(": ")
                .append(count(dryRun ? MigrationOutcome.Result.WOULD_MIGRATE : MigrationOutcome.Result.MIGRATED))
                .append(dryRun ? " would migrate, " : " migrated, ")
                .append(count(MigrationOutcome.Result.UP_TO_DATE)).append(" up to date, ")
                .append(count(MigrationOutcome.Result.FAILED)).append(" failed")
                .append(dryRun ? " (dry run: nothing was written)" : "").append('\n');
        return out.toString();
    }

    /**
     * The report as JSON: {@code {"dry_run":..,"files":[{name,source,result,from_version,to_version,
     * steps,backup,error}]}}.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = StateCodec.mapper().createObjectNode();
        root.put("dry_run", dryRun);
        ArrayNode files = root.putArray("files");
        for (MigrationOutcome o : outcomes) {
            ObjectNode f = files.addObject();
            f.put("name", o.name());
            f.put("source", o.source());
            f.put("result", o.result().name().toLowerCase(java.util.Locale.ROOT));
            f.put("from_version", o.fromVersion());
            f.put("to_version", o.toVersion());
            ArrayNode steps = f.putArray("steps");
            o.steps().forEach(steps::add);
            o.backup().ifPresent(b -> f.put("backup", b));
            o.error().ifPresent(e -> f.put("error", e));
        }
        return new String(StateCodec.writeTree(root), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return render();
    }
}
