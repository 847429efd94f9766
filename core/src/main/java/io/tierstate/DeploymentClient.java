package io.tierstate;

import io.tierstate.error.InvalidInputException;
import io.tierstate.error.InvalidStackNameException;
import io.tierstate.error.TierStateException;
import io.tierstate.cost.CostEstimate;
import io.tierstate.cost.CostEstimator;
import io.tierstate.cost.Plan;
import io.tierstate.cost.PriceCatalog;
import io.tierstate.cost.UsageProfile;
import io.tierstate.destroy.DestroyReport;
import io.tierstate.internal.Settings;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.Cloud;
import io.tierstate.port.CloudProvider;
import io.tierstate.port.CloudSettings;
import io.tierstate.port.StateStore;
import io.tierstate.store.CopyReport;
import io.tierstate.store.FileStateStore;
import io.tierstate.store.GeuseMakerCompat;
import io.tierstate.store.StateStores;
import io.tierstate.view.MigrationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The entry point: keeps the state of tiered AWS deployments and drives their lifecycle.
 *
 * <pre>{@code
 * try (DeploymentClient client = DeploymentClient.create()) {            // ~/.tierstate
 *     String table = client.deployments().render();                     // table of every deployment
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
    private final Cloud givenCloud;
    private final CloudSettings cloudSettings;
    private final String cloudProvider;
    private final java.time.Clock clock;
    private final Object cloudLock = new Object();
    private volatile Cloud createdCloud;

    private DeploymentClient(Builder b) {
        this.clock = b.clock;
        this.givenCloud = b.cloud;
        this.cloudSettings = b.cloudSettings;
        this.cloudProvider = b.cloudProvider;
        this.priceCatalog = b.priceCatalog != null ? b.priceCatalog : PriceCatalog.defaults();
        this.estimator = priceCatalog.estimator();
        if (b.store != null) {
            this.store = b.store;
            this.ownsStore = false;
        } else {
            this.store = FileStateStore.builder().home(b.home != null ? b.home : defaultHome())
                    .geusemakerCompat(b.geusemakerCompat).build();
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

    /**
     * The home a client uses when none is given: {@code $TIERSTATE_HOME} ({@code ~} there is the
     * user's home), else {@code ~/.tierstate}.
     *
     * @return the default home directory; it may not exist yet
     */
    public static java.nio.file.Path defaultHome() {
        return Settings.fromEnvironment().defaultHome();
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

    /**
     * Copies every deployment into another store, reading each copy back to verify it; the source
     * is left untouched. A deployment the target already holds with another serial is skipped and
     * reported, never overwritten.
     *
     * <pre>{@code
     * try (StateStore pg = StateStoreUris.open("postgresql://tierstate@db.internal:5432/tierstate")) {
     *     CopyReport report = DeploymentClient.builder().home(Path.of(System.getProperty("user.home"), ".geusemaker"))
     *         .build().copyTo(pg);
     * }
     * }</pre>
     *
     * @param target the store to copy into
     * @return one line per deployment: copied, skipped or failed
     */
    public CopyReport copyTo(StateStore target) {
        return StateStores.copy(store, Objects.requireNonNull(target, "target"));
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
     * client.estimate(CostSubjects.plan(Tier.GPU, "g5.xlarge"), UsageProfile.defaults()).monthlyTotalRounded();
     * }</pre>
     *
     * @param plan instance type and resources, e.g. {@link io.tierstate.model.CostSubjects#plan(io.tierstate.model.Tier, String)}
     *     (and optionally region, spot price)
     * @param usage the expected usage; {@link UsageProfile#defaults()} when unsure
     * @return the estimate with its line items
     * @throws io.tierstate.cost.UnknownPriceException when the catalog lacks a price the deployment needs in its region
     *     ({@link io.tierstate.cost.UnknownRegionException} when it has no prices for the region)
     */
    public CostEstimate estimate(Plan plan, UsageProfile usage) {
        return estimator.estimate(plan, usage);
    }

    CostEstimator estimator() {
        return estimator;
    }

    /**
     * The clock that time-dependent figures, such as a deployment's cost to date, are measured with.
     *
     * @return the clock given to the builder, else the system clock in UTC
     */
    public java.time.Clock clock() {
        return clock;
    }

    /**
     * The cloud lifecycle operations use: the one given to the builder, else one made by the first
     * {@link CloudProvider} found through {@link ServiceLoader} (the AWS adapter registers one).
     * Made on first use, so local operations (list, state, inspect, estimateCost) never start a
     * cloud SDK.
     *
     * @return the cloud
     * @throws TierStateException when no cloud was given and no provider is on the class path
     */
    public Cloud cloud() {
        if (givenCloud != null) {
            return givenCloud;
        }
        Cloud c = createdCloud;
        if (c == null) {
            synchronized (cloudLock) {
                c = createdCloud;
                if (c == null) {
                    c = findProvider().create(cloudSettings);
                    createdCloud = c;
                }
            }
        }
        return c;
    }

    private CloudProvider findProvider() {
        List<String> found = new ArrayList<>();
        for (CloudProvider p : ServiceLoader.load(CloudProvider.class, DeploymentClient.class.getClassLoader())) {
            if (cloudProvider == null || cloudProvider.equals(p.name())) {
                return p;
            }
            found.add(p.name());
        }
        throw new TierStateException("no cloud " + (cloudProvider != null ? "provider named '" + cloudProvider + "' " : "")
                + "is available" + (found.isEmpty() ? "" : " (found: " + found + ")")
                + ": add io.tierstate:tierstate-aws to the class path, or pass one with"
                + " DeploymentClient.builder().cloud(SimulatedCloud.create()) or .cloud(AwsCloud.create())");
    }

    /**
     * Finishes every destroy whose CloudFront deletion was deferred: waits for each disable to
     * propagate, deletes the distribution, and archives the state.
     *
     * @return one report per deployment that had a pending deletion
     */
    public List<DestroyReport> completePendingDestroys() {
        List<DestroyReport> reports = new ArrayList<>();
        for (DeploymentState s : store.list().states()) {
            boolean pending = s.destroyProgress().map(j -> j.pendingCloudFrontDeletion()).orElse(false);
            if (pending) {
                reports.add(deployment(s.stackName()).destroy().completePending().run());
            }
        }
        return reports;
    }

    private MigrationReport migrate(boolean dryRun) {
        return new MigrationReport(dryRun, store.migrateAll(dryRun));
    }

    /** Closes the state store and the cloud if this client made them; never what was given to it. */
    @Override
    public void close() {
        try {
            Cloud c = createdCloud;
            if (c != null) {
                c.close();
            }
        } finally {
            if (ownsStore) {
                store.close();
            }
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
        private Cloud cloud;
        private CloudSettings cloudSettings = CloudSettings.defaults();
        private String cloudProvider;
        private java.time.Clock clock = java.time.Clock.systemUTC();

        private GeuseMakerCompat geusemakerCompat = GeuseMakerCompat.AUTO;

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
         * Sets whether the file store writes so that GeuseMaker can keep using the home: files GeuseMaker
         * loads as its schema v2 with the v3 fields beside, GeuseMaker's lock around every write, and
         * TierState's backups and journal copies where GeuseMaker never looks (see {@link GeuseMakerCompat}).
         *
         * @param value {@link GeuseMakerCompat#AUTO} (default: on when the home is a GeuseMaker home), {@code ON} or {@code OFF}
         * @return this builder
         */
        public Builder geusemakerCompat(GeuseMakerCompat value) {
            this.geusemakerCompat = Objects.requireNonNull(value, "geusemakerCompat");
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

        /**
         * Uses this cloud for lifecycle operations; the client will not close it.
         *
         * @param cloud e.g. {@code SimulatedCloud.create()} or {@code AwsCloud.builder().region("eu-west-1").build()}
         * @return this builder
         */
        public Builder cloud(Cloud cloud) {
            this.cloud = Objects.requireNonNull(cloud, "cloud");
            return this;
        }

        /**
         * Settings for the cloud found through {@link ServiceLoader} (ignored when {@link #cloud(Cloud)} is set).
         *
         * @param settings region and endpoint (default: the provider's own defaults)
         * @return this builder
         */
        public Builder cloudSettings(CloudSettings settings) {
            this.cloudSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Chooses the provider found through {@link ServiceLoader} by name.
         *
         * @param name e.g. {@code aws} (default: the first found)
         * @return this builder
         */
        public Builder cloudProvider(String name) {
            this.cloudProvider = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the clock "now" is read from, e.g. for a deployment's cost to date.
         *
         * @param clock e.g. {@code Clock.fixed(Instant.parse("2026-07-18T10:00:00Z"), ZoneOffset.UTC)} in tests
         *     (default {@code Clock.systemUTC()})
         * @return this builder
         */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the client */
        public DeploymentClient build() {
            if (home != null && store != null) {
                throw new InvalidInputException("both home(...) and stateStore(...) were set; choose one:"
                        + " home(...) configures the file store, stateStore(...) replaces it");
            }
            return new DeploymentClient(this);
        }
    }
}
