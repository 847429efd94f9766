package io.tierstate.drift;

import io.tierstate.error.InvalidInputException;
import io.tierstate.model.CacheBehavior;
import io.tierstate.model.CloudFrontOrigin;
import io.tierstate.model.DeploymentState;
import io.tierstate.model.Status;
import io.tierstate.port.Distribution;
import io.tierstate.port.FileSystemPort.FileSystemDescription;
import io.tierstate.port.InstanceDescription;
import io.tierstate.port.LoadBalancerDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares a deployment's state with what the cloud describes now. Pure: it reads nothing and
 * writes nothing; {@code DeploymentHandle.drift()} does the describing.
 *
 * <p>Compared: CloudFront {@code enabled}, {@code price_class}, {@code aliases}, {@code origins}
 * (id and domain name) and {@code cache_behaviors} (path pattern and target origin, in order);
 * the instance's {@code type}, {@code ami_id} and {@code state}; the ALB's {@code dns_name}; the
 * file system's {@code size_bytes}. A value the state never recorded is reported as
 * {@link Drift.Kind#NOT_RECORDED}, not as drift. The recorded instance state is
 * {@code instance_state}, else {@code running} for a deployment whose status is {@code running}.
 *
 * <pre>{@code
 * DriftReport report = DriftCheck.compare(state, live, Set.of("efs.size_bytes"), Instant.now());
 * }</pre>
 */
public final class DriftCheck {

    /** Every field path that can be compared (and ignored), by resource. */
    public static final List<String> FIELDS = List.of("cloudfront.enabled", "cloudfront.price_class", "cloudfront.aliases",
            "cloudfront.origins", "cloudfront.cache_behaviors", "instance.type", "instance.ami_id", "instance.state",
            "alb.dns_name", "efs.size_bytes");

    /** The resources, each also a name that ignores all of its fields and its being gone. */
    public static final List<String> RESOURCES = List.of("cloudfront", "instance", "alb", "efs");

    private DriftCheck() {}

    /**
     * Checks names to ignore: each a field of {@link #FIELDS} or a resource of {@link #RESOURCES}.
     *
     * @param ignore the names
     * @return them, in order, without repeats
     * @throws InvalidInputException naming the unknown name and the known ones
     */
    public static Set<String> checkIgnored(Collection<String> ignore) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : ignore) {
            String name = f == null ? "" : f.strip().toLowerCase(Locale.ROOT);
            if (!FIELDS.contains(name) && !RESOURCES.contains(name)) {
                throw new InvalidInputException("cannot ignore '" + f + "': it is not a compared field; give one of "
                        + String.join(", ", FIELDS) + ", or a whole resource (" + String.join(", ", RESOURCES) + ")");
            }
            out.add(name);
        }
        return out;
    }

    /**
     * Compares.
     *
     * @param state the state as stored
     * @param live what the cloud describes now
     * @param ignore field paths or resources to leave out (see {@link #checkIgnored})
     * @param checkedAt when the cloud was read
     * @return the report
     */
    public static DriftReport compare(DeploymentState state, LiveResources live, Collection<String> ignore, Instant checkedAt) {
        Set<String> ignored = checkIgnored(ignore);
        List<Drift> all = new ArrayList<>();
        Map<String, String> unchecked = new LinkedHashMap<>();
        state.cloudFrontDistributionId().ifPresent(id -> cloudFront(state, id, live.cloudFront(), all, unchecked));
        state.instanceId().ifPresent(id -> instance(state, id, live.instance(), all, unchecked));
        state.albArn().ifPresent(arn -> loadBalancer(state, arn, live.loadBalancer(), all, unchecked));
        state.efsId().ifPresent(id -> fileSystem(state, id, live.fileSystem(), all, unchecked));
        List<Drift> kept = all.stream().filter(d -> !ignored.contains(d.field()) && !ignored.contains(d.resource())).toList();
        unchecked.keySet().removeIf(ignored::contains);
        return new DriftReport(state.stackName(), checkedAt, kept, unchecked, List.copyOf(ignored));
    }

    private static void cloudFront(DeploymentState s, String id, Live<Distribution> live, List<Drift> out,
            Map<String, String> unchecked) {
        if (!presence("cloudfront", id, live, s.cloudFrontGoneAt(), out, unchecked)) {
            return;
        }
        Distribution d = live.value().orElseThrow();
        compare(out, "cloudfront", id, "cloudfront.enabled", s.cloudFrontEnabled().map(String::valueOf),
                Optional.of(String.valueOf(d.enabled())));
        compare(out, "cloudfront", id, "cloudfront.price_class", s.cloudFrontPriceClass(), d.priceClass());
        compare(out, "cloudfront", id, "cloudfront.aliases", s.cloudFrontAliases().map(DriftCheck::aliases),
                Optional.of(aliases(d.aliases())));
        compare(out, "cloudfront", id, "cloudfront.origins", listed(s.cloudFrontOrigins(), DriftCheck::origins),
                Optional.of(origins(d.origins())));
        compare(out, "cloudfront", id, "cloudfront.cache_behaviors", listed(s.cloudFrontCacheBehaviors(), DriftCheck::behaviors),
                Optional.of(behaviors(d.cacheBehaviors())));
    }

    private static void instance(DeploymentState s, String id, Live<InstanceDescription> live, List<Drift> out,
            Map<String, String> unchecked) {
        if (!presence("instance", id, live, s.instanceGoneAt(), out, unchecked)) {
            return;
        }
        InstanceDescription i = live.value().orElseThrow();
        compare(out, "instance", id, "instance.type", recordedInstanceType(s), Optional.ofNullable(i.instanceType()));
        compare(out, "instance", id, "instance.ami_id", recordedAmi(s), Optional.ofNullable(i.imageId()));
        compare(out, "instance", id, "instance.state", recordedInstanceState(s), Optional.of(stateName(i.state())));
    }

    private static void loadBalancer(DeploymentState s, String arn, Live<LoadBalancerDescription> live, List<Drift> out,
            Map<String, String> unchecked) {
        if (!presence("alb", arn, live, s.albGoneAt(), out, unchecked)) {
            return;
        }
        compare(out, "alb", arn, "alb.dns_name", s.albDns().filter(v -> !v.isBlank()),
                Optional.ofNullable(live.value().orElseThrow().dnsName()));
    }

    private static void fileSystem(DeploymentState s, String id, Live<FileSystemDescription> live, List<Drift> out,
            Map<String, String> unchecked) {
        if (!presence("efs", id, live, s.efsGoneAt(), out, unchecked)) {
            return;
        }
        compare(out, "efs", id, "efs.size_bytes", s.efsSizeBytes().map(String::valueOf),
                Optional.of(String.valueOf(live.value().orElseThrow().sizeBytes())));
    }

    /**
     * Reports gone, appeared or unchecked; returns whether the resource is there to compare.
     * Gone and recorded gone is no news; there and recorded gone has appeared again.
     */
    private static boolean presence(String resource, String id, Live<?> live, Optional<Instant> goneAt, List<Drift> out,
            Map<String, String> unchecked) {
        if (!live.wasLookedFor()) {
            return false;
        }
        if (live.uncheckedReason().isPresent()) {
            unchecked.put(resource, live.uncheckedReason().get());
            return false;
        }
        if (live.isGone()) {
            if (goneAt.isEmpty()) {
                out.add(new Drift(resource, id, resource, Drift.Kind.GONE, Optional.of(id), Optional.empty()));
            }
            return false;
        }
        if (goneAt.isPresent()) {
            out.add(new Drift(resource, id, resource, Drift.Kind.APPEARED, Optional.empty(), Optional.of(id)));
        }
        return true;
    }

    private static void compare(List<Drift> out, String resource, String id, String field, Optional<String> recorded,
            Optional<String> live) {
        if (recorded.isEmpty()) {
            live.ifPresent(v -> out.add(new Drift(resource, id, field, Drift.Kind.NOT_RECORDED, recorded, live)));
        } else if (!recorded.equals(live)) {
            out.add(new Drift(resource, id, field, Drift.Kind.CHANGED, recorded, live));
        }
    }

    /**
     * The instance type as the state records it: the described GPU type first, then the configured one.
     *
     * @param s the state
     * @return the type, if any is recorded
     */
    public static Optional<String> recordedInstanceType(DeploymentState s) {
        return s.gpuEnabled() ? s.gpuInstanceType().or(s::instanceType) : s.instanceType();
    }

    /**
     * The AMI as the state records it: the described GPU AMI first, then the configured one.
     *
     * @param s the state
     * @return the AMI id, if any is recorded
     */
    public static Optional<String> recordedAmi(DeploymentState s) {
        return s.gpuEnabled() ? s.gpuAmiId().or(() -> s.config().amiId()) : s.config().amiId().or(s::gpuAmiId);
    }

    /**
     * The instance state as the state records it: {@code instance_state}, else {@code running} when
     * the deployment's status is {@code running}.
     *
     * @param s the state
     * @return the EC2 state name, if any is recorded or implied
     */
    public static Optional<String> recordedInstanceState(DeploymentState s) {
        return s.instanceState().or(() -> s.status().equals(Status.RUNNING) ? Optional.of("running") : Optional.empty());
    }

    /**
     * The EC2 name of an instance state.
     *
     * @param state the state
     * @return e.g. {@code shutting-down}
     */
    public static String stateName(InstanceDescription.State state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <T> Optional<String> listed(List<T> recorded, Function<List<T>, String> show) {
        return recorded.isEmpty() ? Optional.empty() : Optional.of(show.apply(recorded));
    }

    private static String aliases(List<String> aliases) {
        return aliases.isEmpty() ? "none" : aliases.stream().sorted().collect(Collectors.joining(", "));
    }

    private static String origins(List<CloudFrontOrigin> origins) {
        return origins.isEmpty() ? "none" : origins.stream().map(o -> o.id() + "=" + o.domainName()).sorted()
                .collect(Collectors.joining(", "));
    }

    /** In order: CloudFront matches behaviours by their order. */
    private static String behaviors(List<CacheBehavior> behaviors) {
        return behaviors.isEmpty() ? "none" : behaviors.stream().map(b -> b.pathPattern() + " -> " + b.targetOriginId())
                .collect(Collectors.joining(", "));
    }
}
