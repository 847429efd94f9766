package io.tierstate.view;

import io.tierstate.model.CostSubjects;
import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.CostEstimator;
import io.tierstate.cost.CostLineItem;
import io.tierstate.cost.UnknownPriceException;
import io.tierstate.cost.UsageProfile;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Tier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment, for a person ({@link #render()}, also {@link #toString()} so it reads well in
 * JShell) or a pipeline ({@link #toJson()}, shape in {@code docs/views.md}).
 *
 * <pre>{@code
 * String text = client.deployment("gpu-global").inspect().render();   // JShell shows the same as its toString()
 * String json = client.deployment("gpu-global").inspect().toJson();
 * }</pre>
 *
 * <p>For Tier 3 the CloudFront URL comes first, in a banner. Then the distribution (status, enabled,
 * when last checked, price class, origins and cache behaviours), the GPU, the load balancer, the EC2
 * instance, EFS, IAM and the network with their provenance, the monthly cost with its largest items,
 * and any destroy in progress or CloudFront deletion pending, with the command that finishes it.
 * A value that only a refresh can tell (distribution status, GPU health ...) reads
 * {@value #UNKNOWN}; a value that was never recorded reads {@value #NOT_RECORDED}.
 *
 * <p>An inspection is immutable and made of local state only; it makes no cloud call. Ages ("3 min
 * ago") are computed when rendered, against the system clock unless {@link #withClock(Clock)} gives
 * another.
 */
public final class Inspection {

    /** What an unknown value (until a refresh) reads. */
    public static final String UNKNOWN = "unknown — run refresh";
    /** What a value that was never recorded reads. */
    public static final String NOT_RECORDED = "not recorded";
    /** What a value reads that only describing the resource (a refresh) records, while it is missing. */
    static final String NOT_RECORDED_REFRESH = "not recorded — run refresh";

    private static final int LARGEST_ITEMS = 3;

    private final DeploymentState state;
    private final Optional<CostEstimate> estimate;
    private final Optional<String> costUnknownReason;
    private final Clock clock;
    private final CostEstimator estimator;
    private final UsageProfile usage;

    private Inspection(DeploymentState state, Optional<CostEstimate> estimate, Optional<String> costUnknownReason,
            Clock clock, CostEstimator estimator, UsageProfile usage) {
        this.state = state;
        this.estimate = estimate;
        this.costUnknownReason = costUnknownReason;
        this.clock = clock;
        this.estimator = estimator;
        this.usage = usage;
    }

    /**
     * Inspects a state, pricing it with an estimator; an unknown price makes the cost unknown rather
     * than failing the inspection.
     *
     * @param state the deployment's state
     * @param estimator the estimator, e.g. {@code PriceCatalog.defaults().estimator()}
     * @param usage the usage to price, e.g. {@link UsageProfile#defaults()}
     * @return the inspection, rendering ages against the system clock
     */
    public static Inspection of(DeploymentState state, CostEstimator estimator, UsageProfile usage) {
        Objects.requireNonNull(state, "state");
        try {
            return new Inspection(state, Optional.of(estimator.estimate(CostSubjects.of(state), usage)), Optional.empty(),
                    Clock.systemUTC(), estimator, usage);
        } catch (UnknownPriceException e) {
            return new Inspection(state, Optional.empty(), Optional.of(e.getMessage()), Clock.systemUTC(), estimator,
                    usage);
        }
    }

    /**
     * The same inspection rendering ages ("3 min ago") against another clock, e.g. a fixed one in tests.
     *
     * @param clock the clock
     * @return a copy using it
     */
    public Inspection withClock(Clock clock) {
        return new Inspection(state, estimate, costUnknownReason, Objects.requireNonNull(clock, "clock"), estimator,
                usage);
    }

    /**
     * What the deployment has cost from its start to now on this inspection's clock (see
     * {@link CostToDates}), with the inspection's usage profile.
     *
     * @return the cost to date, or empty when the price or the start time is unknown
     */
    public Optional<io.tierstate.cost.CostToDate> costToDate() {
        try {
            return Optional.of(CostToDates.of(state, estimator, usage, clock.instant()));
        } catch (io.tierstate.error.InvalidInputException e) {
            // an unknown price or no recorded start: the estimate section already says which
            return Optional.empty();
        }
    }

    /**
     * The deployment's monthly budget compared with its monthly estimate.
     *
     * @return the comparison, or empty without a budget or a known price
     */
    public Optional<Budget> budget() {
        return Budget.of(state).flatMap(b -> estimate.map(e -> new Budget(b, e.monthlyTotalRounded())));
    }

    /** @return the state inspected */
    public DeploymentState state() {
        return state;
    }

    /** @return the monthly cost estimate, or empty when the catalog has no price for the instance type */
    public Optional<CostEstimate> estimate() {
        return estimate;
    }

    /** @return why the cost is unknown (the {@code UnknownPriceException} message), when it is */
    public Optional<String> costUnknownReason() {
        return costUnknownReason;
    }

    /**
     * The URL users reach the deployment at: {@code https://} and the CloudFront domain for Tier 3.
     *
     * @return the URL, or empty when no distribution domain is recorded or the deployment is not Tier 3
     */
    public Optional<String> cloudFrontUrl() {
        return state.cloudFrontDomainName().filter(d -> state.tier() == Tier.GPU || state.cloudFrontDistributionId()
                .isPresent()).map(d -> "https://" + d);
    }

    /** @return the destroy steps journaled as done or skipped, in journal order */
    public List<String> stepsDone() {
        return new DestroyProgress(state).done();
    }

    /** @return the destroy steps journaled as failed, in journal order */
    public List<String> stepsFailed() {
        return new DestroyProgress(state).failed();
    }

    /**
     * The destroy steps still to run, in teardown order ({@code cloudfront, alb, target_group,
     * instance, iam, efs, security_group, subnets, vpc}): those whose resource is recorded, was
     * created (not reused) and is not kept by {@code preserve_efs}, and that are not journaled as done,
     * skipped or failed.
     *
     * @return the pending step ids; empty when no destroy was started
     */
    public List<String> stepsPending() {
        return new DestroyProgress(state).pending();
    }

    /** @return the inspection as text for people, lines separated by {@code \n} */
    public String render() {
        return new InspectionText(this, clock.instant()).render();
    }

    /**
     * The inspection as JSON with snake_case fields, documented field by field in
     * {@code docs/views.md}. Absent and unknown values are omitted; pipelines read a missing
     * {@code cloudfront.status} as "unknown until refreshed".
     *
     * @return the JSON text, pretty-printed, ending with a newline
     */
    public String toJson() {
        return InspectionJson.write(this);
    }

    /** @return {@link #render()} */
    @Override
    public String toString() {
        return render();
    }

    /** Every mount target id, the v1 single one first when it is not in the list. */
    static List<String> mountTargets(DeploymentState state) {
        List<String> targets = new ArrayList<>(state.efsMountTargetIds());
        state.efsMountTargetId().filter(t -> !targets.contains(t)).ifPresent(t -> targets.add(0, t));
        return targets;
    }

    /** The three most expensive lines, largest first; free and negative lines are never "largest". */
    static List<CostLineItem> largestItems(CostEstimate e) {
        return e.lineItems().stream().filter(i -> i.monthlyCost().signum() > 0)
                .sorted(Comparator.comparing(CostLineItem::monthlyCost).reversed()).limit(LARGEST_ITEMS).toList();
    }
}
