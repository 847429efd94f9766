package io.tierstate;

import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.model.Tier;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateStore;
import io.tierstate.view.DeploymentList;
import io.tierstate.view.DeploymentSummary;
import java.time.Instant;
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
 * System.out.println(client.deployments().fetch());   // the table, with unreadable files after it
 * }</pre>
 *
 * By default every deployment is returned, sorted by name.
 */
public final class DeploymentQuery {

    private final StateStore store;
    private final Set<Status> statuses;
    private final Set<Tier> tiers;
    private final Optional<String> region;
    private final SortKey sortKey;
    private final boolean descending;

    DeploymentQuery(StateStore store) {
        this(store, EnumSet.noneOf(Status.class), EnumSet.noneOf(Tier.class), Optional.empty(), SortKey.NAME, false);
    }

    private DeploymentQuery(StateStore store, Set<Status> statuses, Set<Tier> tiers, Optional<String> region,
            SortKey sortKey, boolean descending) {
        this.store = store;
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
        EnumSet<Status> s = EnumSet.of(Objects.requireNonNull(first, "status"), more);
        return new DeploymentQuery(store, s, tiers, region, sortKey, descending);
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
        return new DeploymentQuery(store, statuses, t, region, sortKey, descending);
    }

    /**
     * Keeps deployments in one region (deployments without a recorded region are in {@code us-east-1}).
     *
     * @param name e.g. {@code eu-west-1}
     * @return the narrowed query
     */
    public DeploymentQuery region(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("region must not be blank, e.g. region(\"us-east-1\")");
        }
        return new DeploymentQuery(store, statuses, tiers, Optional.of(name.trim().toLowerCase(Locale.ROOT)), sortKey,
                descending);
    }

    /**
     * Orders the result.
     *
     * @param key the sort key (default {@link SortKey#NAME})
     * @return the reordered query
     */
    public DeploymentQuery sortBy(SortKey key) {
        return new DeploymentQuery(store, statuses, tiers, region, Objects.requireNonNull(key, "key"), descending);
    }

    /** @return the query with its order reversed */
    public DeploymentQuery descending() {
        return new DeploymentQuery(store, statuses, tiers, region, sortKey, !descending);
    }

    /** @return the matching deployments' full states, in order */
    public List<DeploymentState> states() {
        return select(store.list());
    }

    /** @return the matching deployments as summaries, in order */
    public List<DeploymentSummary> list() {
        return fetch().deployments();
    }

    /** @return the matching summaries plus every document that could not be read */
    public DeploymentList fetch() {
        StateListing listing = store.list();
        return new DeploymentList(select(listing).stream().map(DeploymentSummary::of).toList(), listing.problems());
    }

    /** @return the text table of {@link #fetch()} */
    public String render() {
        return fetch().render();
    }

    /** @return the JSON of {@link #fetch()} */
    public String toJson() {
        return fetch().toJson();
    }

    private List<DeploymentState> select(StateListing listing) {
        Comparator<DeploymentState> order = switch (sortKey) {
            case NAME -> Comparator.comparing(DeploymentState::stackName);
            case CREATED -> Comparator.comparing((DeploymentState s) -> s.createdAt().orElse(Instant.MAX))
                    .thenComparing(DeploymentState::stackName);
        };
        return listing.states().stream()
                .filter(s -> statuses.isEmpty() || statuses.contains(s.status()))
                .filter(s -> tiers.isEmpty() || tiers.contains(s.tier()))
                .filter(s -> region.isEmpty() || region.get().equalsIgnoreCase(s.region()))
                .sorted(descending ? order.reversed() : order)
                .toList();
    }
}
