package io.tierstate;

import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.CostEstimator;
import io.tierstate.cost.Plan;
import io.tierstate.cost.PriceCatalog;
import io.tierstate.cost.UsageProfile;
import io.tierstate.internal.Settings;
import io.tierstate.port.StateStore;
import io.tierstate.store.FileStateStore;
import io.tierstate.view.MigrationReport;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The entry point: keeps the state of tiered AWS deployments and drives their lifecycle.
 *
 * <pre>{@code
 * try (DeploymentClient client = DeploymentClient.create()) {            // ~/.tierstate
 *     System.out.println(client.deployments().fetch());                 // table of every deployment
 *     client.deployment("gpu-global").update(s -> s.withStatus(Status.RUNNING));
 * }
 * DeploymentClient geuse = DeploymentClient.builder()
 *     .home(Path.of(System.getProperty("user.home"), ".geusemaker"))   // a GeuseMaker home works as is
 *     .build();
 * }</pre>
 *
 * <p>The client is immutable and thread-safe; share one. It closes only what it created.
 */
public final class DeploymentClient implements AutoCloseable {

    private final StateStore store;
    private final boolean ownsStore;
    private final PriceCatalog priceCatalog;
    private final CostEstimator estimator;

    private DeploymentClient(Builder b) {
        this.priceCatalog = b.priceCatalog != null ? b.priceCatalog : PriceCatalog.defaults();
        this.estimator = priceCatalog.estimator();
        if (b.store != null) {
            this.store = b.store;
            this.ownsStore = false;
        } else {
            this.store = FileStateStore.open(b.home != null ? b.home : Settings.fromEnvironment().defaultHome());
            this.ownsStore = true;
        }
    }

    /**
     * A client with the defaults: the file store in {@code $TIERSTATE_HOME}, else {@code ~/.tierstate}.
     *
     * @return the client
     */
    public static DeploymentClient create() {
        return builder().build();
    }

    /** @return a builder for everything else */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A handle on one deployment (it need not exist yet).
     *
     * @param name the stack name
     * @return the handle
     * @throws InvalidStackNameException when the name breaks the naming rule
     */
    public DeploymentHandle deployment(String name) {
        return new DeploymentHandle(name, this);
    }

    /** @return a query over every stored deployment, sorted by name */
    public DeploymentQuery deployments() {
        return new DeploymentQuery(store, estimator);
    }

    /**
     * Upgrades every stored document to schema v3, keeping a gzip backup of each original. A file
     * that fails is reported and left untouched; the others are still migrated.
     *
     * @return one line per file
     */
    public MigrationReport migrate() {
        return migrate(false);
    }

    /** @return what {@link #migrate()} would do, without writing anything */
    public MigrationReport migrateDryRun() {
        return migrate(true);
    }

    /** @return the state store in use */
    public StateStore stateStore() {
        return store;
    }

    /** @return the price catalog estimates use */
    public PriceCatalog priceCatalog() {
        return priceCatalog;
    }

    /**
     * Estimates what a deployment would cost a month before it exists.
     *
     * <pre>{@code
     * client.estimate(Plan.of(io.tierstate.cost.Tier.GPU, "g5.xlarge"), UsageProfile.defaults()).monthlyTotalRounded();
     * }</pre>
     *
     * @param plan tier and instance type (and optionally region, spot price)
     * @param usage the expected usage; {@link UsageProfile#defaults()} when unsure
     * @return the estimate with its line items
     * @throws io.tierstate.cost.UnknownPriceException when the catalog has no price for the instance type
     */
    public CostEstimate estimate(Plan plan, UsageProfile usage) {
        return estimator.estimate(plan, usage);
    }

    CostEstimator estimator() {
        return estimator;
    }

    private MigrationReport migrate(boolean dryRun) {
        return new MigrationReport(dryRun, store.migrateAll(dryRun));
    }

    /** Closes the state store if this client opened it. */
    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "DeploymentClient[" + store.describe() + "]";
    }

    /** Builds a {@link DeploymentClient}; every setting has a default. */
    public static final class Builder {
        private Path home;
        private StateStore store;
        private PriceCatalog priceCatalog;

        private Builder() {}

        /**
         * Roots the file store at a directory.
         *
         * @param home e.g. {@code ~/.geusemaker} (default {@code $TIERSTATE_HOME} or {@code ~/.tierstate})
         * @return this builder
         */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * Uses another state store instead of the file store; the client will not close it.
         *
         * @param store any {@link StateStore}
         * @return this builder
         */
        public Builder stateStore(StateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Sets the prices estimates use.
         *
         * @param catalog e.g. {@code PriceCatalog.defaults().withInstancePrice("g6.xlarge", new BigDecimal("0.8048"))}
         *     (default {@link PriceCatalog#defaults()}: us-east-1, on demand, dated)
         * @return this builder
         */
        public Builder priceCatalog(PriceCatalog catalog) {
            this.priceCatalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** @return the client */
        public DeploymentClient build() {
            if (home != null && store != null) {
                throw new IllegalStateException("both home(...) and stateStore(...) were set; choose one:"
                        + " home(...) configures the file store, stateStore(...) replaces it");
            }
            return new DeploymentClient(this);
        }
    }
}
