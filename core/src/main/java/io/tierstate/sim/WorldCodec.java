package io.tierstate.sim;

import io.tierstate.error.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.tierstate.error.TierStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The JSON form of a simulated world ({@code sim-cloud.json}): every resource, the deletions in
 * progress, every id ever seen, the virtual time with the real time it was saved at, the seed and
 * how far each random stream has gone. Times are written with full precision.
 */
final class WorldCodec {

    static final String FORMAT = "tierstate-simulated-cloud";
    static final int VERSION = 1;

    record LatenciesDoc(Map<SimOperation, Duration> operations, Duration instanceInitialization, Duration terminatedRetention,
            double jitter, Duration eventualConsistency, Duration spotRelaunch, Duration loadBalancerInterfaceRetention,
            Duration mountTargetInterfaceRetention, Duration endpointInterfaceRetention) {

        static LatenciesDoc of(Latencies l) {
            return new LatenciesDoc(l.byOperation(), l.instanceInitialization(), l.terminatedRetention(), l.jitter(),
                    l.eventualConsistency(), l.spotRelaunch(), l.loadBalancerInterfaceRetention(),
                    l.mountTargetInterfaceRetention(), l.endpointInterfaceRetention());
        }

        Latencies toLatencies() {
            Latencies.Builder b = Latencies.builder().instanceInitialization(instanceInitialization)
                    .terminatedRetention(terminatedRetention).jitter(jitter);
            // absent in files written before these existed: the defaults apply
            if (eventualConsistency != null) {
                b.eventualConsistency(eventualConsistency);
            }
            if (spotRelaunch != null) {
                b.spotRelaunch(spotRelaunch);
            }
            if (loadBalancerInterfaceRetention != null) {
                b.loadBalancerInterfaceRetention(loadBalancerInterfaceRetention);
            }
            if (mountTargetInterfaceRetention != null) {
                b.mountTargetInterfaceRetention(mountTargetInterfaceRetention);
            }
            if (endpointInterfaceRetention != null) {
                b.endpointInterfaceRetention(endpointInterfaceRetention);
            }
            operations.forEach(b::latency);
            return b.build();
        }
    }

    record FaultsDoc(Map<SimOperation, Double> throttling, Map<SimOperation, Double> serverErrors, double etagRaces,
            double vanishing) {

        static FaultsDoc of(Faults f) {
            Map<SimOperation, Double> t = new java.util.EnumMap<>(SimOperation.class);
            Map<SimOperation, Double> s = new java.util.EnumMap<>(SimOperation.class);
            for (SimOperation op : SimOperation.values()) {
                t.put(op, f.throttling(op));
                s.put(op, f.serverErrors(op));
            }
            return new FaultsDoc(t, s, f.etagRaces(), f.vanishing());
        }

        Faults toFaults() {
            Faults.Builder b = Faults.builder().etagRaces(etagRaces).vanishing(vanishing);
            throttling.forEach(b::throttling);
            serverErrors.forEach(b::serverErrors);
            return b.build();
        }
    }

    record Snapshot(String format, int version, String accountId, String region, Instant virtualNow, Instant savedAt,
            long seed, long idDraws, long faultDraws, LatenciesDoc latencies, FaultsDoc faults,
            List<World.Vpc> vpcs, List<World.Subnet> subnets, List<World.SecurityGroup> securityGroups,
            List<World.FileSystem> fileSystems, List<World.MountTarget> mountTargets, List<World.Role> roles,
            List<World.InstanceProfile> instanceProfiles, List<World.Instance> instances,
            List<World.LoadBalancer> loadBalancers, List<World.TargetGroup> targetGroups, List<World.Dist> distributions,
            Map<String, Instant> goneAt, List<String> known, Additions additions) {}

    /**
     * What a world file holds since the simulated cloud has regions: the region of each regional
     * resource, the denied IAM actions, and the kinds added with them. Absent in older files, which
     * then load with everything in the saved region and none of these resources.
     */
    record Additions(Map<String, String> regions, List<String> deniedActions, List<World.Eni> networkInterfaces,
            List<World.InternetGateway> internetGateways, List<World.EgressOnlyGateway> egressOnlyInternetGateways,
            List<World.NatGateway> natGateways, List<World.ElasticIp> elasticIps, List<World.Endpoint> vpcEndpoints,
            List<World.RouteTable> routeTables, List<World.NetworkAcl> networkAcls, List<World.Spot> spotRequests,
            List<World.AccessPoint> accessPoints) {}

    private static final ObjectMapper MAPPER = createMapper();
    private static final FileAttribute<?>[] FILE_ATTRS =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];

    private WorldCodec() {}

    /**
     * What a save would write, less the real time of the save (and the virtual time unless
     * {@code withVirtualTime}), to tell whether the save would change anything.
     */
    static String comparable(Snapshot snapshot, boolean withVirtualTime) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(snapshot);
        tree.remove("saved_at");
        if (!withVirtualTime) {
            tree.remove("virtual_now");
        }
        return tree.toString();
    }

    /** Writes like the state store writes: a 0600 temp file, fsync, atomic rename, fsync of the directory. */
    static void write(Snapshot snapshot, Path file) {
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(target.getParent());
            byte[] bytes = MAPPER.writeValueAsBytes(snapshot);
            try (FileChannel ch = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), FILE_ATTRS)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(target.getParent());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("could not save the simulated cloud to " + target + ": " + e.getMessage(), e);
        }
    }

    static Snapshot read(Path file) {
        byte[] bytes;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a FIFO would block the read until a writer came
                throw new TierStateException("the simulated cloud file " + file + " is not a regular file;"
                        + " remove it to start a new simulated world");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TierStateException("there is no simulated cloud file " + file
                    + "; save one with saveTo(file), or use builder().persistTo(file) to start one", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the simulated cloud file " + file + ": " + e.getMessage(), e);
        }
        Snapshot s;
        try {
            s = MAPPER.readValue(bytes, Snapshot.class);
        } catch (IOException | IllegalArgumentException | InvalidInputException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new TierStateException("the simulated cloud file " + file + " cannot be read (" + why
                    + "); delete it to start a new simulated world", e);
        }
        if (s == null || !FORMAT.equals(s.format())) {
            throw new TierStateException("the file " + file + " is not a simulated cloud (no \"format\": \"" + FORMAT
                    + "\"); delete it or point to the right file");
        }
        if (s.version() != VERSION) {
            throw new TierStateException("the simulated cloud file " + file + " has format version " + s.version()
                    + "; this TierState reads version " + VERSION + ": delete it to start a new simulated world");
        }
        if (s.virtualNow() == null || s.accountId() == null || s.region() == null) {
            throw new TierStateException("the simulated cloud file " + file
                    + " lacks virtual_now, account_id or region; delete it to start a new simulated world");
        }
        return s;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories; its rename is durable enough for our purpose
        }
    }

    private static ObjectMapper createMapper() {
        SimpleModule times = new SimpleModule("tierstate-sim-times");
        times.addSerializer(Instant.class, ToStringSerializer.instance);
        times.addSerializer(Duration.class, ToStringSerializer.instance);
        times.addDeserializer(Instant.class, new Parsing<>(Instant.class, Instant::parse));
        times.addDeserializer(Duration.class, new Parsing<>(Duration.class, Duration::parse));
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(times)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Reads a value written by its {@code toString()} (ISO-8601 instants and durations). */
    private static final class Parsing<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<String, T> parse;

        Parsing(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parse.apply(text);
            } catch (DateTimeParseException | NullPointerException e) {
                @SuppressWarnings("unchecked")
                T weird = (T) ctxt.handleWeirdStringValue(handledType(), text, "not ISO-8601");
                return weird;
            }
        }
    }
}
