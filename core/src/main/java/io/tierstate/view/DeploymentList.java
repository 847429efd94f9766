package io.tierstate.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierstate.internal.StateCodec;
import io.tierstate.internal.Timestamps;
import io.tierstate.port.StateProblem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A list of deployments and the documents that could not be read. {@link #toString()} is the text
 * table, so it reads well in JShell; {@link #toJson()} is for pipelines (shape in
 * {@code docs/views.md}).
 *
 * <pre>{@code
 * String table = client.deployments().tier(Tier.GPU).fetch().render();   // JShell shows the same as its toString()
 * }</pre>
 *
 * <p>Columns fit their content, up to a maximum width each (40 characters for names, 48 for
 * endpoints); longer values lose their middle to an ellipsis, keeping the start and the end where
 * ids and domains differ. So no line is longer than {@link #MAX_LINE} characters, however many
 * deployments there are.
 */
public final class DeploymentList {

    private static final String[] HEADERS = {"NAME", "STATUS", "TIER", "REGION", "ENDPOINT", "GPU", "CDN", "COST/MO",
        "CREATED"};
    /** The widest each column gets, in {@link #HEADERS} order. */
    private static final int[] MAX_WIDTHS = {40, 12, 12, 16, 48, 16, 20, 16, 16};
    /** The budget column, shown only when a row has a budget, after the cost. */
    private static final String BUDGET_HEADER = "BUDGET";
    private static final int BUDGET_WIDTH = 12;
    private static final int COST_COLUMN = 7;
    /** The longest line of the table: every column at its widest, two spaces between columns. */
    public static final int MAX_LINE = java.util.Arrays.stream(MAX_WIDTHS).sum() + 2 * (HEADERS.length - 1)
            + BUDGET_WIDTH + 2;

    private final List<DeploymentSummary> deployments;
    private final List<StateProblem> problems;
    private final String currency;

    /**
     * Creates the view, with amounts in US dollars.
     *
     * @param deployments the rows, in display order
     * @param problems the unreadable documents
     */
    public DeploymentList(List<DeploymentSummary> deployments, List<StateProblem> problems) {
        this(deployments, problems, "USD");
    }

    /**
     * Creates the view.
     *
     * @param deployments the rows, in display order
     * @param problems the unreadable documents
     * @param currency the currency of the rows' monthly costs, e.g. {@code USD}
     */
    public DeploymentList(List<DeploymentSummary> deployments, List<StateProblem> problems, String currency) {
        this.deployments = List.copyOf(deployments);
        this.problems = List.copyOf(problems);
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /** @return the rows, in display order */
    public List<DeploymentSummary> deployments() {
        return deployments;
    }

    /** @return the documents that could not be read */
    public List<StateProblem> problems() {
        return problems;
    }

    /** @return the currency of the monthly costs, e.g. {@code USD} */
    public String currency() {
        return currency;
    }

    /**
     * The sum of the known monthly costs.
     *
     * @return the total, rounded to cents; zero for an empty list
     */
    public BigDecimal monthlyTotal() {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (DeploymentSummary d : deployments) {
            if (d.monthlyCost().isPresent()) {
                total = total.add(d.monthlyCost().get());
            }
        }
        return total;
    }

    /** @return the text table, a count and total line, then one line per unreadable document */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (deployments.isEmpty()) {
            out.append("No deployments.\n");
        } else {
            boolean budgets = deployments.stream().anyMatch(d -> d.budgetLimit().isPresent());
            String[] headers = HEADERS;
            if (budgets) {
                headers = java.util.Arrays.copyOf(HEADERS, HEADERS.length + 1);
                System.arraycopy(HEADERS, COST_COLUMN + 1, headers, COST_COLUMN + 2, HEADERS.length - COST_COLUMN - 1);
                headers[COST_COLUMN + 1] = BUDGET_HEADER;
            }
            TextTable table = new TextTable(MAX_LINE, headers).alignRight(COST_COLUMN);
            for (int i = 0; i < MAX_WIDTHS.length; i++) {
                table.maxWidth(budgets && i > COST_COLUMN ? i + 1 : i, MAX_WIDTHS[i]);
            }
            if (budgets) {
                table.maxWidth(COST_COLUMN + 1, BUDGET_WIDTH);
            }
            long unknown = 0;
            long over = 0;
            long near = 0;
            for (DeploymentSummary d : deployments) {
                if (d.monthlyCost().isEmpty()) {
                    unknown++;
                }
                List<String> cells = new java.util.ArrayList<>(List.of(d.name(), d.status().wireName(),
                        d.tier().number() + " " + d.tier().wireName(), d.region(),
                        d.endpoint().orElse("-"), d.gpu() ? d.instanceType().orElse("yes") : "-", d.cdnText(),
                        d.monthlyCost().map(c -> Formats.money(c, currency)).orElse("?"),
                        d.createdAt().map(Formats::utcMinutes).orElse("-")));
                if (budgets) {
                    cells.add(COST_COLUMN + 1, d.budget().map(Budget::text)
                            .orElse(d.budgetLimit().isPresent() ? "?" : "-"));
                    over += d.budget().filter(Budget::over).isPresent() ? 1 : 0;
                    near += d.budget().filter(Budget::near).isPresent() ? 1 : 0;
                }
                table.row(cells.toArray(String[]::new));
            }
            out.append(table.render());
            out.append(deployments.size()).append(deployments.size() == 1 ? " deployment" : " deployments")
                    .append(", estimated ").append(Formats.money(monthlyTotal(), currency)).append(" a month");
            if (unknown > 0) {
                out.append(" plus ").append(unknown).append(" without a known price (?)");
            }
            out.append('\n');
            if (budgets) {
                out.append("BUDGET: the estimated monthly cost as a share of the monthly budget; ").append(over)
                        .append(" over, ").append(near).append(" within 10 %\n");
            }
        }
        if (!problems.isEmpty()) {
            out.append('\n').append(problems.size()).append(problems.size() == 1 ? " file" : " files")
                    .append(" could not be read:\n");
            for (StateProblem p : problems) {
                out.append("  ").append(TextTable.clean(p.name())).append(": ").append(TextTable.clean(p.message()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The list as JSON, field by field in {@code docs/views.md}: {@code {"currency", "deployments":
     * [{name, status, tier, tier_number, region, endpoint, gpu, instance_type, cdn_status, cdn_enabled, cdn_gone_at,
     * monthly_cost, created_at}], "problems": [{name, source, error, message}]}}. Absent and unknown
     * values are omitted, so a row whose price is unknown has no {@code monthly_cost}.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = StateCodec.mapper().createObjectNode();
        root.put("currency", currency);
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
            d.instanceType().ifPresent(t -> r.put("instance_type", t));
            d.cdnStatus().ifPresent(c -> r.put("cdn_status", c.wireName()));
            d.cdnEnabled().ifPresent(e -> r.put("cdn_enabled", e));
            d.cdnGoneAt().ifPresent(g -> r.put("cdn_gone_at", Timestamps.format(g)));
            d.monthlyCost().ifPresent(c -> r.put("monthly_cost", c.toPlainString()));
            d.budgetLimit().ifPresent(b -> r.put("budget_limit", b.toPlainString()));
            d.budget().ifPresent(b -> r.put("budget_used_percent", b.percentUsed().toPlainString())
                    .put("budget_status", b.level()).put("over_budget", b.over()).put("near_budget", b.near())
                    .put("over_budget_by", b.overBy().toPlainString()));
            d.createdAt().ifPresent(c -> r.put("created_at", Timestamps.format(c)));
        }
        ArrayNode bad = root.putArray("problems");
        for (StateProblem p : problems) {
            bad.addObject().put("name", p.name()).put("source", p.source())
                    .put("error", p.error().getClass().getSimpleName()).put("message", p.message());
        }
        return new String(StateCodec.writeTree(root), StandardCharsets.UTF_8);
    }

    /**
     * The same list with one monthly budget for every row, replacing what the states record.
     *
     * @param limit the budget a month, more than 0
     * @return the changed copy
     * @throws io.tierstate.error.InvalidInputException when the budget is 0 or less
     */
    public DeploymentList withBudget(BigDecimal limit) {
        return new DeploymentList(deployments.stream().map(d -> d.withBudgetLimit(limit)).toList(), problems, currency);
    }

    /** @return the rows whose monthly estimate is above their budget */
    public List<DeploymentSummary> overBudget() {
        return deployments.stream().filter(d -> d.budget().filter(Budget::over).isPresent()).toList();
    }

    @Override
    public String toString() {
        return render();
    }
}
