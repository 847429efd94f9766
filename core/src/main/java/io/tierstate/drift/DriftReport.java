package io.tierstate.drift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What changed outside TierState: the differences between a deployment's state and the cloud, the
 * values the state never recorded, and the resources that could not be checked. Renders as a diff
 * for people ({@link #render()}: {@code -} the state, {@code +} the cloud) and as JSON for pipelines.
 *
 * <pre>{@code
 * DriftReport report = client.deployment("gpu-global").drift(Set.of("efs.size_bytes"));
 * if (!report.isEmpty()) {
 *     System.out.print(report.render());
 * }
 * }</pre>
 */
public final class DriftReport {

    private final String deployment;
    private final Instant checkedAt;
    private final List<Drift> entries;
    private final Map<String, String> unchecked;
    private final List<String> ignored;
    private final Optional<Long> recordedSerial;

    DriftReport(String deployment, Instant checkedAt, List<Drift> entries, Map<String, String> unchecked,
            List<String> ignored) {
        this(deployment, checkedAt, entries, unchecked, ignored, Optional.empty());
    }

    private DriftReport(String deployment, Instant checkedAt, List<Drift> entries, Map<String, String> unchecked,
            List<String> ignored, Optional<Long> recordedSerial) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt");
        this.entries = List.copyOf(entries);
        this.unchecked = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unchecked));
        this.ignored = List.copyOf(ignored);
        this.recordedSerial = recordedSerial;
    }

    /**
     * The same report, saying the live values were written to the state.
     *
     * @param serial the state's serial after the write
     * @return the report, recorded
     */
    public DriftReport recordedAs(long serial) {
        return new DriftReport(deployment, checkedAt, entries, unchecked, ignored, Optional.of(serial));
    }

    /** @return the stack name */
    public String deployment() {
        return deployment;
    }

    /** @return when the cloud was read */
    public Instant checkedAt() {
        return checkedAt;
    }

    /** @return the changes made outside TierState (changed, gone, appeared), ignored fields left out */
    public List<Drift> drifts() {
        return entries.stream().filter(Drift::isDrift).toList();
    }

    /** @return the values the state never recorded, with what the cloud has: informational */
    public List<Drift> notRecorded() {
        return entries.stream().filter(d -> !d.isDrift()).toList();
    }

    /** @return resource ({@code cloudfront}, {@code instance}, {@code alb}, {@code efs}) to why it could not be described */
    public Map<String, String> unchecked() {
        return unchecked;
    }

    /** @return the field paths and resources left out of the comparison */
    public List<String> ignored() {
        return ignored;
    }

    /** @return the state's serial after the live values were written, when they were */
    public Optional<Long> recordedSerial() {
        return recordedSerial;
    }

    /** @return whether nothing changed outside TierState (values not recorded and unchecked resources do not count) */
    public boolean isEmpty() {
        return drifts().isEmpty();
    }

    /**
     * The report as a diff: per resource, {@code -} lines hold the state's value and {@code +}
     * lines the cloud's; then what was not recorded, ignored or could not be checked.
     *
     * @return the text, ending with a newline
     */
    public String render() {
        StringBuilder out = new StringBuilder("Drift of '").append(deployment).append("' (state vs cloud, checked ")
                .append(Timestamps.format(checkedAt)).append("):\n");
        List<Drift> drifts = drifts();
        if (drifts.isEmpty()) {
            out.append("  no drift: the cloud matches the state\n");
        }
        String current = null;
        for (Drift d : drifts) {
            String head = d.resource() + " " + d.resourceId();
            if (!head.equals(current)) {
                out.append("  ").append(head).append('\n');
                current = head;
            }
            switch (d.kind()) {
                case GONE -> out.append("-   ").append(d.resource()).append(": present\n")
                        .append("+   ").append(d.resource()).append(": gone (not found)\n");
                case APPEARED -> out.append("-   ").append(d.resource()).append(": gone (recorded)\n")
                        .append("+   ").append(d.resource()).append(": present\n");
                default -> {
                    String name = d.field().substring(d.field().indexOf('.') + 1);
                    out.append("-   ").append(name).append(": ").append(d.recorded().orElse("(none)")).append('\n')
                            .append("+   ").append(name).append(": ").append(d.live().orElse("(none)")).append('\n');
                }
            }
        }
        for (Drift d : notRecorded()) {
            out.append("  not recorded (not drift): ").append(d.field()).append(" is ").append(d.live().orElse("(none)"))
                    .append(" in the cloud\n");
        }
        unchecked.forEach((resource, reason) -> out.append("  could not check ").append(resource).append(": ")
                .append(reason).append('\n'));
        if (!ignored.isEmpty()) {
            out.append("  ignored: ").append(String.join(", ", ignored)).append('\n');
        }
        out.append(drifts.size()).append(drifts.size() == 1 ? " difference" : " differences");
        recordedSerial.ifPresent(serial -> out.append("; the live values are recorded in the state (serial ").append(serial)
                .append(')'));
        return out.append('\n').toString();
    }

    /**
     * The report for pipelines: {@code {deployment, checked_at, drift, drift_count, drifts: [{resource,
     * resource_id, field, kind, recorded, live}], not_recorded: [{resource, resource_id, field, live}],
     * unchecked: [{resource, reason}], ignored: [], recorded, serial?}}; values are strings, a missing
     * one is {@code null}.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = StateCodec.mapper().createObjectNode();
        root.put("deployment", deployment).put("checked_at", Timestamps.format(checkedAt)).put("drift", !isEmpty())
                .put("drift_count", drifts().size());
        ArrayNode drifts = root.putArray("drifts");
        for (Drift d : drifts()) {
            ObjectNode n = drifts.addObject().put("resource", d.resource()).put("resource_id", d.resourceId())
                    .put("field", d.field()).put("kind", d.kind().wireName());
            n.put("recorded", d.recorded().orElse(null));
            n.put("live", d.live().orElse(null));
        }
        ArrayNode notRecorded = root.putArray("not_recorded");
        for (Drift d : notRecorded()) {
            notRecorded.addObject().put("resource", d.resource()).put("resource_id", d.resourceId()).put("field", d.field())
                    .put("live", d.live().orElse(null));
        }
        ArrayNode un = root.putArray("unchecked");
        unchecked.forEach((resource, reason) -> un.addObject().put("resource", resource).put("reason", reason));
        ArrayNode ig = root.putArray("ignored");
        ignored.forEach(ig::add);
        root.put("recorded", recordedSerial.isPresent());
        recordedSerial.ifPresent(s -> root.put("serial", s));
        return new String(StateCodec.writeTree(root), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return render();
    }
}
