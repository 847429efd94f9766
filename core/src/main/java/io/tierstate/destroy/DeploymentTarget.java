package io.tierstate.destroy;

import io.tierstate.error.CloudTargetMismatchException;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.Cloud;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a deployment lives: the region and account its state names. Every cloud call for a
 * deployment goes through the session of its region, and destroy and provisioning compare the
 * account and region its ARNs name with the cloud before they change anything, so a NotFound in the
 * wrong place is never mistaken for "already gone".
 *
 * <p>The region is {@code config.region}; for a state that names none, the region in its ALB or
 * target group ARN; else the cloud's own region ({@code --region}, {@code AwsCloud.builder().region(..)}),
 * which is therefore only a default; else {@code us-east-1}.
 */
public final class DeploymentTarget {

    private static final String DEFAULT_REGION = "us-east-1";

    private final String deployment;
    private final String region;
    private final String regionSource;
    private final Map<String, String> accounts;

    private DeploymentTarget(String deployment, String region, String regionSource, Map<String, String> accounts) {
        this.deployment = deployment;
        this.region = region;
        this.regionSource = regionSource;
        this.accounts = accounts;
    }

    /**
     * Reads where a deployment lives.
     *
     * @param state the deployment's state
     * @param cloud the cloud, for its default region
     * @return the target
     * @throws CloudTargetMismatchException when the state names two regions or two accounts
     */
    public static DeploymentTarget of(DeploymentState state, Cloud cloud) {
        String name = state.stackName();
        Map<String, String> arnRegions = new LinkedHashMap<>();
        Map<String, String> accounts = new LinkedHashMap<>();
        arns(state, arnRegions, accounts);
        Optional<String> configured = state.config().region().filter(r -> !r.isBlank());
        String region;
        String source;
        if (configured.isPresent()) {
            region = configured.get();
            source = "config.region";
        } else if (!arnRegions.isEmpty()) {
            Map.Entry<String, String> first = arnRegions.entrySet().iterator().next();
            region = first.getValue();
            source = first.getKey();
        } else if (cloud.sessionRegion().isPresent()) {
            region = cloud.sessionRegion().get();
            source = "the cloud's default region (the state names none)";
        } else {
            region = DEFAULT_REGION;
            source = "the default (the state names none)";
        }
        for (Map.Entry<String, String> e : arnRegions.entrySet()) {
            if (!e.getValue().equals(region)) {
                throw new CloudTargetMismatchException(name, "region", region + " (" + source + ")", e.getValue()
                        + " (" + e.getKey() + ")", "the state names two regions; correct config.region or the ARN before"
                        + " destroying");
            }
        }
        String firstAccount = null;
        for (Map.Entry<String, String> e : accounts.entrySet()) {
            if (firstAccount == null) {
                firstAccount = e.getValue();
            } else if (!e.getValue().equals(firstAccount)) {
                throw new CloudTargetMismatchException(name, "account", firstAccount, e.getValue() + " (" + e.getKey() + ")",
                        "the state names two accounts; correct the ARNs before destroying");
            }
        }
        return new DeploymentTarget(name, region, source, accounts);
    }

    /**
     * The account a state's ARNs name, without a cloud at hand.
     *
     * @param state a deployment's state
     * @return the account of its first ARN that names one
     */
    public static Optional<String> recordedAccount(DeploymentState state) {
        Map<String, String> accounts = new LinkedHashMap<>();
        arns(state, new LinkedHashMap<>(), accounts);
        return accounts.values().stream().findFirst();
    }

    /** @return the region every regional call for the deployment goes to */
    public String region() {
        return region;
    }

    /** @return the account the state's ARNs name, when they name one */
    public Optional<String> account() {
        return accounts.values().stream().findFirst();
    }

    /**
     * The session of the deployment's region.
     *
     * @param cloud the client's cloud
     * @return {@code cloud.inRegion(region())}
     */
    public Cloud session(Cloud cloud) {
        return cloud.inRegion(region);
    }

    /**
     * Checks that a session targets this deployment's account and region; call it before changing anything.
     *
     * @param session the session made by {@link #session(Cloud)}
     * @throws CloudTargetMismatchException naming both when they differ
     */
    public void check(Cloud session) {
        Optional<String> sessionRegion = session.sessionRegion();
        if (sessionRegion.isPresent() && !sessionRegion.get().equals(region)) {
            throw new CloudTargetMismatchException(deployment, "region", region + " (" + regionSource + ")",
                    sessionRegion.get(), "make the session with cloud.inRegion(\"" + region + "\")");
        }
        Optional<String> caller = session.callerAccountId();
        Optional<String> recorded = account();
        if (caller.isPresent() && recorded.isPresent() && !caller.get().equals(recorded.get())) {
            String key = accounts.entrySet().iterator().next().getKey();
            throw new CloudTargetMismatchException(deployment, "account", recorded.get() + " (" + key + ")", caller.get()
                    + " (the caller identity)", "use credentials of account " + recorded.get()
                    + " (for example AWS_PROFILE), or, if the state was copied from that account on purpose, destroy it there");
        }
    }

    /** The regions and accounts the state's ARNs name, by field. */
    private static void arns(DeploymentState state, Map<String, String> regions, Map<String, String> accounts) {
        arn("alb_arn", state.albArn(), regions, accounts);
        arn("target_group_arn", state.targetGroupArn(), regions, accounts);
        arn("cloudfront_arn", state.cloudFrontArn(), regions, accounts);
        arn("iam_role_arn", state.iamRoleArn(), regions, accounts);
        arn("iam_instance_profile_arn", state.iamInstanceProfileArn(), regions, accounts);
    }

    private static void arn(String field, Optional<String> value, Map<String, String> regions, Map<String, String> accounts) {
        if (value.isEmpty() || !value.get().startsWith("arn:")) {
            return;
        }
        String[] parts = value.get().split(":", 6);
        if (parts.length < 6) {
            return;
        }
        if (!parts[3].isEmpty()) {
            regions.put(field, parts[3]);
        }
        if (!parts[4].isEmpty()) {
            accounts.put(field, parts[4]);
        }
    }

    @Override
    public String toString() {
        return "deployment '" + deployment + "' in " + region + account().map(a -> ", account " + a).orElse("");
    }
}
