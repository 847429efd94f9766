package io.tierstate.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.Timestamps;
import io.tierstate.port.StateProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A list of deployments and the documents that could not be read. {@link #toString()} is the text
 * table, so it reads well in JShell; {@link #toJson()} is for pipelines.
 *
 * <pre>{@code
 * System.out.println(client.deployments().tier(Tier.GPU).fetch());
 * }</pre>
 */
public final class DeploymentList {

    private static final int MAX_CELL = 48;

    private final List<DeploymentSummary> deployments;
    private final List<StateProblem> problems;

    /**
     * Creates the view.
     *
     * @param deployments the rows, in display order
     * @param problems the unreadable documents
     */
    public DeploymentList(List<DeploymentSummary> deployments, List<StateProblem> problems) {
        this.deployments = List.copyOf(deployments);
        this.problems = List.copyOf(problems);
    }

    /** @return the rows, in display order */
    public List<DeploymentSummary> deployments() {
        return deployments;
    }

    /** @return the documents that could not be read */
    public List<StateProblem> problems() {
        return problems;
    }

    /** @return the text table, then one line per unreadable document */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (deployments.isEmpty()) {
            out.append("No deployments.\n");
        } else {
            TextTable table = new TextTable(MAX_CELL, "NAME", "STATUS", "TIER", "REGION", "ENDPOINT", "GPU", "CDN", "CREATED");
            for (DeploymentSummary d : deployments) {
                table.row(d.name(), d.status().wireName(), d.tier().number() + " " + d.tier().wireName(), d.region(),
                        d.endpoint().orElse("-"), d.gpu() ? "yes" : "-",
                        d.cdnStatus().map(Object::toString).orElse(d.tier().number() == 3 ? "unknown" : "-"),
                        d.createdAt().map(i -> Timestamps.format(i).substring(0, 16).replace('T', ' ')).orElse("-"));
            }
            out.append(table.render());
        }
        if (!problems.isEmpty()) {
            out.append('\n').append(problems.size()).append(problems.size() == 1 ? " file" : " files")
                    .append(" could not be read:\n");
            for (StateProblem p : problems) {
                out.append("  ").append(p.name()).append(": ").append(p.message()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The list as JSON: {@code {"deployments":[{name,status,tier,tier_number,region,endpoint,gpu,
     * cdn_status,created_at}], "problems":[{name,source,error,message}]}}; absent values are omitted.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = StateCodec.mapper().createObjectNode();
        ArrayNode rows = root.putArray("deployments");
        for (DeploymentSummary d : deployments) {
            ObjectNode r = rows.addObject();
            r.put("name", d.name());
            r.put("status", d.status().wireName());
            r.put("tier", d.tier().wireName());
            r.put("tier_number", d.tier().number());
            r.put("region", d.region());
            d.endpoint().ifPresent(e -> r.put("endpoint", e));
            r.put("gpu", d.gpu());
            d.cdnStatus().ifPresent(c -> r.put("cdn_status", c.wireName()));
            d.createdAt().ifPresent(c -> r.put("created_at", Timestamps.format(c)));
        }
        ArrayNode bad = root.putArray("problems");
        for (StateProblem p : problems) {
            bad.addObject().put("name", p.name()).put("source", p.source())
                    .put("error", p.error().getClass().getSimpleName()).put("message", p.message());
        }
        return new String(StateCodec.writeTree(root), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return render();
    }
}
