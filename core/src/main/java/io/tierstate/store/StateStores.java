package io.tierstate.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierstate.error.DeploymentExistsException;
import io.tierstate.error.TierStateException;
import io.tierstate.internal.StateCodec;
import io.tierstate.model.DeploymentState;
import io.tierstate.port.StateListing;
import io.tierstate.port.StateProblem;
import io.tierstate.port.StateStore;
import io.tierstate.store.engine.VersionedStateStore;
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
        if (to instanceof VersionedStateStore engine) {
            items.addAll(copyBatched(listing.states(), engine));
        } else {
            for (DeploymentState state : listing.states()) {
                items.add(copyOne(state, to));
            }
        }
        items.sort(Comparator.comparing(CopyReport.Item::name));
        return new CopyReport(from.describe(), to.describe(), items);
    }

    /** Deployments written per {@link VersionedStateStore#createCopies} call: one transaction each on PostgreSQL. */
    private static final int COPY_BATCH = 200;

    /**
     * The same copy, with the round trips batched: the target is listed once to find what it holds,
     * new deployments are written {@value #COPY_BATCH} at a time ({@code createCopies}, one transaction
     * each where the backend can), and the target is listed once more to read every copy back.
     */
    private static List<CopyReport.Item> copyBatched(List<DeploymentState> states, VersionedStateStore to) {
        Map<String, CopyReport.Item> items = new java.util.LinkedHashMap<>();
        StateListing before;
        try {
            before = to.list();
        } catch (TierStateException e) {
            return states.stream().map(s -> new CopyReport.Item(s.stackName(), CopyReport.Result.FAILED, s.serial(),
                    e.getMessage())).toList();
        }
        Map<String, DeploymentState> held = new java.util.HashMap<>();
        before.states().forEach(s -> held.put(s.stackName(), s));
        Map<String, String> unreadable = new java.util.HashMap<>();
        before.problems().forEach(p -> unreadable.put(p.name(), p.message()));
        List<DeploymentState> fresh = new ArrayList<>();
        for (DeploymentState state : states) {
            String name = state.stackName();
            if (held.containsKey(name)) {
                items.put(name, present(state, held.get(name)));
            } else if (unreadable.containsKey(name)) {
                items.put(name, new CopyReport.Item(name, CopyReport.Result.FAILED, state.serial(), unreadable.get(name)));
            } else {
                fresh.add(state);
            }
        }
        Map<String, DeploymentState> written = new java.util.HashMap<>();
        for (int start = 0; start < fresh.size(); start += COPY_BATCH) {
            List<DeploymentState> batch = fresh.subList(start, Math.min(start + COPY_BATCH, fresh.size()));
            try {
                List<Optional<DeploymentState>> result = to.createCopies(batch);
                for (int i = 0; i < batch.size(); i++) {
                    DeploymentState state = batch.get(i);
                    if (result.get(i).isPresent()) {
                        written.put(state.stackName(), result.get(i).get());
                    } else {
                        items.put(state.stackName(), new CopyReport.Item(state.stackName(), CopyReport.Result.SKIPPED,
                                state.serial(), "created in the target meanwhile; not overwritten"));
                    }
                }
            } catch (TierStateException e) {
                batch.forEach(s -> items.put(s.stackName(), new CopyReport.Item(s.stackName(), CopyReport.Result.FAILED,
                        s.serial(), e.getMessage())));
            }
        }
        if (!written.isEmpty()) {
            Map<String, DeploymentState> readBack = new java.util.HashMap<>();
            Map<String, String> problems = new java.util.HashMap<>();
            try {
                StateListing after = to.list();
                after.states().forEach(s -> readBack.put(s.stackName(), s));
                after.problems().forEach(p -> problems.put(p.name(), p.message()));
            } catch (TierStateException e) {
                written.keySet().forEach(n -> problems.put(n, e.getMessage()));
            }
            for (DeploymentState state : fresh) {
                DeploymentState w = written.get(state.stackName());
                if (w != null) {
                    items.put(state.stackName(), verified(state, w, readBack.get(state.stackName()),
                            problems.get(state.stackName())));
                }
            }
        }
        return new ArrayList<>(items.values());
    }

    private static CopyReport.Item verified(DeploymentState state, DeploymentState written, DeploymentState readBack,
            String problem) {
        String name = state.stackName();
        long serial = state.serial();
        if (problem != null) {
            return new CopyReport.Item(name, CopyReport.Result.FAILED, serial, problem);
        }
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
            return verified(state, written, to.find(name).orElse(null), null);
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
