package io.tierstate;

import io.tierstate.error.InvalidInputException;
import io.tierstate.cost.CostEstimator;
import io.tierstate.cost.DeploymentResources;
import io.tierstate.cost.UnknownPriceException;
import io.tierstate.cost.UsageProfile;
import io.tierstate.model.CostSubjects;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateStore;
import io.tierstate.view.DeploymentList;
import io.tierstate.view.DeploymentSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A query over the stored deployments: immutable, each call returns a narrowed copy.
 *
 * <pre>{@code
 * client.deployments().tier(Tier.GPU).status(Status.RUNNING).sortBy(SortKey.CREATED).list();
 * DeploymentList list = client.deployments().fetch();   // list.render(): the table, unreadable files after it
 * }</pre>
 *
 * By default every deployment is returned, sorted by name. Each row carries its estimated monthly
 * cost with the default usage profile and the client's price catalog; a row whose instance type has
 * no price carries none (and shows {@code ?}).
 */
public final class DeploymentQuery {

    private final StateStore store;
    private final CostEstimator estimator;
    private final Set<Status> statuses;
    private final Set<Tier> tiers;
    private final Optional<String> region;
    private final SortKey sortKey;
    private final boolean descending;

    DeploymentQuery(StateStore store, CostEstimator estimator) {
        this(store, estimator, Set.of(), EnumSet.noneOf(Tier.class), Optional.empty(), SortKey.NAME,
                false);
    }

    private DeploymentQuery(StateStore store, CostEstimator estimator, Set<Status> statuses, Set<Tier> tiers,
            Optional<String> region, SortKey sortKey, boolean descending) {
        this.store = store;
        this.estimator = estimator;
        this.statuses = statuses;
        this.tiers = tiers;
        this.region = region;
        this.sortKey = sortKey;
        this.descending = descending;
    }

    /**
     * Keeps deployments with any of these statuses.
     *
     * @param first a status
     * @param more more statuses
     * @return the narrowed query
     */
    public DeploymentQuery status(Status first, Status... more) {
        java.util.LinkedHashSet<Status> s = new java.util.LinkedHashSet<>();
        s.add(Objects.requireNonNull(first, "status"));
        s.addAll(java.util.Arrays.asList(more));
        return new DeploymentQuery(store, estimator, s, tiers, region, sortKey, descending);
    }

    /**
     * Keeps deployments of any of these tiers.
     *
     * @param first a tier
     * @param more more tiers
     * @return the narrowed query
     */
    public DeploymentQuery tier(Tier first, Tier... more) {
        EnumSet<Tier> t = EnumSet.of(Objects.requireNonNull(first, "tier"), more);
        return new DeploymentQuery(store, estimator, statuses, t, region, sortKey, descending);
    }

    /**
     * Keeps deployments in one region (deployments without a recorded region are in {@code us-east-1}).
     *
     * @param name e.g. {@code eu-west-1}
     * @return the narrowed query
     */
    public DeploymentQuery region(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("region must not be blank, e.g. region(\"us-east-1\")");
        }
        return new DeploymentQuery(store, estimator, statuses, tiers, Optional.of(name.trim().toLowerCase(Locale.ROOT)),
                sortKey, descending);
    }

    /**
     * Orders the result.
     *
     * @param key the sort key (default {@link SortKey#NAME})
     * @return the reordered query
     */
    public DeploymentQuery sortBy(SortKey key) {
        return new DeploymentQuery(store, estimator, statuses, tiers, region, Objects.requireNonNull(key, "key"),
                descending);
    }

    /** @return the query with its order reversed */
    public DeploymentQuery descending() {
        return new DeploymentQuery(store, estimator, statuses, tiers, region, sortKey, !descending);
    }

    /** @return the matching deployments' full states, in order */
    public List<DeploymentState> states() {
        return rows(store.list(), sortKey == SortKey.COST).stream().map(Row::state).toList();
    }

    /** @return the matching deployments as summaries, in order */
    public List<DeploymentSummary> list() {
        return fetch().deployments();
    }

    /** @return the matching summaries, with their monthly cost, plus every document that could not be read */
    public DeploymentList fetch() {
        // each state is summarised as soon as it is read, so a large home never holds every full state at once
        MonthlyCosts costs = new MonthlyCosts(estimator);
        StateListing.Mapped<DeploymentSummary> listing =
                store.list(s -> matches(s) ? DeploymentSummary.of(s, costs.of(s)) : null);
        List<DeploymentSummary> rows = new ArrayList<>(listing.values());
        rows.sort(order());
        return new DeploymentList(rows, listing.problems(), estimator.catalog().currency());
    }

    /** @return the text table of {@link #fetch()} */
    public String render() {
        return fetch().render();
    }

    /** @return the JSON of {@link #fetch()} */
    public String toJson() {
        return fetch().toJson();
    }

    private record Row(DeploymentState state, DeploymentSummary summary) {}

    private List<Row> rows(StateListing listing, boolean withCost) {
        MonthlyCosts costs = new MonthlyCosts(estimator);
        List<Row> rows = new ArrayList<>();
        for (DeploymentState s : listing.states()) {
            if (matches(s)) {
                rows.add(new Row(s, DeploymentSummary.of(s, withCost ? costs.of(s) : Optional.empty())));
            }
        }
        rows.sort(Comparator.comparing(Row::summary, order()));
        return rows;
    }

    private boolean matches(DeploymentState s) {
        return (statuses.isEmpty() || statuses.contains(s.status())) && (tiers.isEmpty() || tiers.contains(s.tier()))
                && (region.isEmpty() || region.get().equalsIgnoreCase(s.region()));
    }

    private Comparator<DeploymentSummary> order() {
        Comparator<DeploymentSummary> byName = Comparator.comparing(DeploymentSummary::name);
        return switch (sortKey) {
            case NAME -> descending ? byName.reversed() : byName;
            case CREATED -> {
                Comparator<DeploymentSummary> c = Comparator.comparing(
                        (DeploymentSummary s) -> s.createdAt().orElse(Instant.MAX)).thenComparing(byName);
                yield descending ? c.reversed() : c;
            }
            case COST -> {
                Comparator<BigDecimal> amounts = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
                yield Comparator.comparing((DeploymentSummary s) -> s.monthlyCost().orElse(null),
                        Comparator.nullsLast(amounts)).thenComparing(byName);
            }
        };
    }

    /**
     * Estimates monthly costs, once per distinct set of charged resources: deployments of one size
     * in one region cost the same, so a long list prices each kind once.
     */
    private static final class MonthlyCosts {
        private final CostEstimator estimator;
        private final UsageProfile usage = UsageProfile.defaults();
        /** Shared by the listing's threads: one estimate per distinct set of resources. */
        private final java.util.concurrent.ConcurrentHashMap<DeploymentResources, Optional<BigDecimal>> known =
                new java.util.concurrent.ConcurrentHashMap<>();

        MonthlyCosts(CostEstimator estimator) {
            this.estimator = estimator;
        }

        Optional<BigDecimal> of(DeploymentState state) {
            return known.computeIfAbsent(CostSubjects.of(state), r -> {
                try {
                    return Optional.of(estimator.estimate(r, usage).monthlyTotal());
                } catch (UnknownPriceException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /** @return e.g. {@code DeploymentQuery[tier gpu, status running, region eu-west-1, by cost descending]} */
    @Override
    public String toString() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!tiers.isEmpty()) {
            parts.add("tier " + tiers.stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
                    .collect(java.util.stream.Collectors.joining("|")));
        }
        if (!statuses.isEmpty()) {
            parts.add("status " + statuses.stream().map(Object::toString).collect(java.util.stream.Collectors.joining("|")));
        }
        region.ifPresent(r -> parts.add("region " + r));
        parts.add("by " + sortKey.name().toLowerCase(java.util.Locale.ROOT) + (descending ? " descending" : ""));
        return "DeploymentQuery[" + (parts.size() == 1 ? "all, " : "") + String.join(", ", parts) + "]";
    }
}
