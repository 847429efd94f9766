package io.tierstate.store;

import io.tierstate.internal.StateCodec;
import io.tierstate.model.DeploymentState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child process of the process-level store tests ({@code *IT}); not a test itself.
 *
 * <pre>
 * count HOME NAME N TAG   print "ready", wait for a line on stdin, then N updates that each add 1 to the
 *                         counter in keypair_name and append TAG-i to subnet_ids; print "done"
 * churn HOME NAME SEED    print "ready", wait for a line on stdin, then update forever, each time with a
 *                         random-length subnet_ids and keypair_name "serial-S" where S is the serial
 *                         being written; print "writing" after the first and "serial S" after each
 * </pre>
 *
 * Any failure is printed to stderr and ends the process with status 1.
 */
public final class StoreWriterMain {

    private StoreWriterMain() {}

    /**
     * Runs one mode.
     *
     * @param args mode and its arguments, see the class comment
     */
    public static void main(String[] args) {
        try {
            FileStateStore store = FileStateStore.open(Path.of(args[1]));
            String name = args[2];
            switch (args[0]) {
                case "count" -> count(store, name, Integer.parseInt(args[3]), args[4]);
                case "churn" -> churn(store, name, Long.parseLong(args[3]));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void count(FileStateStore store, String name, int updates, String tag) throws Exception {
        store.find(name).orElseThrow(); // load the classes before the start line, so both writers really overlap
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (in.readLine() == null) {
            throw new IllegalStateException("stdin closed before the start line");
        }
        for (int i = 0; i < updates; i++) {
            String entry = tag + "-" + i;
            store.update(name, s -> {
                List<String> log = new ArrayList<>(s.subnetIds());
                log.add(entry);
                return increment(s).withSubnetIds(log);
            });
        }
        System.out.println("done");
    }

    /** Adds 1 to the counter kept in {@code keypair_name}. */
    static DeploymentState increment(DeploymentState s) {
        return s.withKeypairName(String.valueOf(Integer.parseInt(s.keypairName().orElseThrow()) + 1));
    }

    private static void churn(FileStateStore store, String name, long seed) throws Exception {
        // boot and load every class a write needs, then wait: the parent starts the next writer early
        StateCodec.write(store.find(name).orElseThrow());
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (in.readLine() == null) {
            return; // the parent is done and closed our stdin
        }
        Random random = new Random(seed);
        boolean announced = false;
        while (true) {
            int subnets = random.nextInt(400);
            DeploymentState stored = store.update(name, s -> {
                List<String> ids = new ArrayList<>(subnets);
                for (int i = 0; i < subnets; i++) {
                    ids.add(String.format("subnet-%017x", random.nextLong() >>> 4));
                }
                return s.withSubnetIds(ids).withKeypairName("serial-" + (s.serial() + 1));
            });
            if (!announced) {
                System.out.println("writing");
                announced = true;
            }
            System.out.println("serial " + stored.serial());
        }
    }
}
