package io.tierstate.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.TierStateException;
import io.tierstate.internal.StateCodec;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateProblem;
import io.tierstate.port.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations over whole stores, such as moving every deployment from a GeuseMaker home into a shared
 * PostgreSQL or S3 store.
 *
 * <pre>{@code
 * try (StateStore from = FileStateStore.open(Path.of(System.getProperty("user.home"), ".geusemaker"));
 *      StateStore to = StateStoreUris.open("postgresql://tierstate@db.example.com/ops")) {
 *     CopyReport report = StateStores.copy(from, to);
 *     String summary = report.render();
 * }
 * }</pre>
 */
public final class StateStores {

    private static final Logger LOG = LoggerFactory.getLogger(StateStores.class);

    private StateStores() {}

    /**
     * Copies every readable deployment from one store to another, leaving the source untouched (it is
     * only read; old documents are migrated in memory, so the copies are schema v3).
     *
     * <p>Each copy keeps its serial and timestamps ({@link StateStore#createCopy}) and is read back
     * from the target and compared with the source before it counts as copied. A name the target
     * already holds is never overwritten: with the same serial and content it is
     * {@link CopyReport.Result#UP_TO_DATE up to date}, otherwise {@link CopyReport.Result#SKIPPED
     * skipped}. A document the source cannot read, and any failure of the target, is
     * {@link CopyReport.Result#FAILED failed}; the other deployments are still copied. Running the copy
     * again is safe.
     *
     * @param from the store to read
     * @param to the store to write
     * @return one item per deployment in the source, by name
     */
    public static CopyReport copy(StateStore from, StateStore to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        StateListing listing = from.list();
        List<CopyReport.Item> items = new ArrayList<>();
        for (StateProblem problem : listing.problems()) {
            items.add(new CopyReport.Item(problem.name(), CopyReport.Result.FAILED, 0,
                    "cannot be read from the source: " + problem.message()));
        }
        for (DeploymentState state : listing.states()) {
            items.add(copyOne(state, to));
        }
        items.sort(Comparator.comparing(CopyReport.Item::name));
        return new CopyReport(from.describe(), to.describe(), items);
    }

    private static CopyReport.Item copyOne(DeploymentState state, StateStore to) {
        String name = state.stackName();
        long serial = state.serial();
        try {
            Optional<DeploymentState> existing = to.find(name);
            if (existing.isPresent()) {
                return present(state, existing.get());
            }
            DeploymentState written = to.createCopy(state);
            DeploymentState readBack = to.find(name).orElse(null);
            if (readBack == null) {
                return new CopyReport.Item(name, CopyReport.Result.FAILED, serial, "written, but not found when read back");
            }
            Optional<String> difference = difference(state, readBack, written.serial() == serial);
            if (difference.isPresent() || !readBack.equals(written)) {
                return new CopyReport.Item(name, CopyReport.Result.FAILED, serial, "the copy read back differs from the source"
                        + difference.map(d -> " in " + d).orElse("") + "; check the target store and copy again");
            }
            LOG.debug("copied {} (serial {})", name, serial);
            return new CopyReport.Item(name, CopyReport.Result.COPIED, serial, "copied and verified");
        } catch (DeploymentExistsException e) {
            return new CopyReport.Item(name, CopyReport.Result.SKIPPED, serial, "created in the target meanwhile; not overwritten");
        } catch (TierStateException e) {
            return new CopyReport.Item(name, CopyReport.Result.FAILED, serial, e.getMessage());
        }
    }

    private static CopyReport.Item present(DeploymentState source, DeploymentState target) {
        String name = source.stackName();
        if (target.serial() == source.serial() && target.equals(source)) {
            return new CopyReport.Item(name, CopyReport.Result.UP_TO_DATE, source.serial(), "the target already holds this state");
        }
        String why = target.serial() != source.serial()
                ? "the target holds serial " + target.serial() + ", the source serial " + source.serial()
                : "the target holds the same serial with other content" + difference(source, target, true).map(d -> " (" + d + ")").orElse("");
        return new CopyReport.Item(name, CopyReport.Result.SKIPPED, source.serial(), why
                + "; not overwritten (delete it from the target first to copy it again)");
    }

    /**
     * The first field in which two states differ, if any. When the target could not keep the serial
     * (a store without {@code createCopy}), serial and {@code updated_at} are its own and not compared.
     */
    private static Optional<String> difference(DeploymentState source, DeploymentState copy, boolean exact) {
        DeploymentState compared = exact ? copy : copy.withSerial(source.serial()).withUpdatedAt(source.updatedAt());
        if (compared.equals(source)) {
            return Optional.empty();
        }
        return firstDifference(StateCodec.toTree(source), StateCodec.toTree(compared), "").or(() -> Optional.of("the document"));
    }

    private static Optional<String> firstDifference(JsonNode a, JsonNode b, String path) {
        if (a.equals(b)) {
            return Optional.empty();
        }
        if (a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                String n = it.next().getKey();
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
            for (String n : names) {
                Optional<String> d = firstDifference(a.path(n), b.path(n), path + "/" + n);
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.of(path.isEmpty() ? "/" : path);
    }
}
