package io.tierstate.destroy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.internal.StateCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What describing every resource of a deployment found: each one it created should be gone, each
 * one it kept (reused, preserved) should still be there. {@link #clean()} when both hold.
 *
 * <pre>{@code
 * Verification v = client.deployment("gpu-global").verify();   // the live state, else the archived one
 * boolean nothingLeft = v.clean();
 * }</pre>
 *
 * @param deployment the stack name
 * @param checkedIn where the resources were described, e.g. {@code AWS account 123456789012 in eu-west-1}
 * @param fromArchive whether the archived state was checked (the deployment has no live state)
 * @param checks one per resource
 */
public record Verification(String deployment, String checkedIn, boolean fromArchive, List<Check> checks) {

    /** What a resource should be. */
    public enum Expect {
        /** Created by the deployment: should be gone. */
        GONE,
        /** Kept by the deployment (reused, preserved): should still be there. */
        KEPT
    }

    /**
     * One resource checked.
     *
     * @param step its step
     * @param resourceId its id
     * @param expect what it should be
     * @param ok whether it is
     * @param detail what the describe said, e.g. {@code still running}, {@code NotFound}
     */
    public record Check(StepKind step, String resourceId, Expect expect, boolean ok, String detail) {}

    /** Copies the list. */
    public Verification {
        checks = List.copyOf(checks);
    }

    /** @return whether everything created is gone and everything kept is there */
    public boolean clean() {
        return checks.stream().allMatch(Check::ok);
    }

    /** @return the resources created by the deployment that still exist */
    public List<Check> survivors() {
        return checks.stream().filter(c -> c.expect() == Expect.GONE && !c.ok()).toList();
    }

    /** @return the resources the deployment kept that are gone */
    public List<Check> missingKept() {
        return checks.stream().filter(c -> c.expect() == Expect.KEPT && !c.ok()).toList();
    }

    /** @return one sentence: nothing left, or what survived */
    public String summary() {
        if (clean()) {
            return "verified: nothing left" + (checks.stream().anyMatch(c -> c.expect() == Expect.KEPT)
                    ? ", and every kept resource is still there" : "");
        }
        StringBuilder out = new StringBuilder("NOT clean:");
        survivors().forEach(c -> out.append(" ").append(c.resourceId()).append(" still exists (").append(c.detail()).append(");"));
        missingKept().forEach(c -> out.append(" kept ").append(c.resourceId()).append(" is gone (").append(c.detail()).append(");"));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** @return one line per resource, then the summary */
    public String render() {
        StringBuilder out = new StringBuilder("Verify '").append(deployment).append("'").append(fromArchive ? " (archived state)" : "")
                .append(" in ").append(checkedIn).append(":\n");
        for (Check c : checks) {
            out.append(String.format("  %-4s %-20s %-6s %s  (%s)%n", c.ok() ? "ok" : "LEFT", c.step().id(),
                    c.expect().name().toLowerCase(Locale.ROOT), c.resourceId(), c.detail()));
        }
        return out.append(summary()).append('\n').toString();
    }

    /** @return {@code {deployment, checked_in, from_archive, clean, checks: [{step, resource, expect, ok, detail}]}} */
    public String toJson() {
        return new String(StateCodec.writeTree(toTree()), StandardCharsets.UTF_8);
    }

    ObjectNode toTree() {
        ObjectNode root = StateCodec.mapper().createObjectNode();
        root.put("deployment", deployment).put("checked_in", checkedIn).put("from_archive", fromArchive).put("clean", clean());
        ArrayNode arr = root.putArray("checks");
        for (Check c : checks) {
            arr.addObject().put("step", c.step().id()).put("resource", c.resourceId())
                    .put("expect", c.expect().name().toLowerCase(Locale.ROOT)).put("ok", c.ok()).put("detail", c.detail());
        }
        return root;
    }

    @Override
    public String toString() {
        return render();
    }
}
