package io.tierstate.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.destroy.DestroyPlan;
import io.tierstate.destroy.DestroyStep;
import io.tierstate.destroy.Finding;
import java.util.Locale;

/** The JSON form of a destroy plan: {@code {deployment, strategy, defer_cloudfront, checked_in, steps: [...], findings: [...]}}. */
final class PlanJson {

    private PlanJson() {}

    static String of(DestroyPlan plan) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("deployment", plan.deployment());
        root.put("strategy", plan.strategy().name().toLowerCase(Locale.ROOT));
        root.put("defer_cloudfront", plan.deferCloudFrontDeletion());
        plan.checkedIn().ifPresent(w -> root.put("checked_in", w));
        ArrayNode steps = root.putArray("steps");
        for (DestroyStep s : plan.steps()) {
            ObjectNode o = steps.addObject().put("step", s.id()).put("action", s.action().name().toLowerCase(Locale.ROOT));
            s.resourceIds().forEach(o.putArray("resources")::add);
            s.dependsOn().forEach(k -> ((ArrayNode) o.withArray("depends_on")).add(k.id()));
            if (!s.reason().isEmpty()) {
                o.put("reason", s.reason());
            }
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : plan.findings()) {
            findings.addObject().put("step", f.step().id()).put("resource", f.resourceId())
                    .put("kind", f.kind().name().toLowerCase(Locale.ROOT)).put("blocks", f.blocks()).put("message", f.message());
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
