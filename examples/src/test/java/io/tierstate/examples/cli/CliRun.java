package io.tierstate.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the program in this JVM, as the CLI tests drive it: its exit status and what it wrote
 * on stdout and stderr.
 *
 * @param status the exit status
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record CliRun(int status, String out, String err) {

    /** @param args the command line @return the finished run */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TierStateCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(status, out.toString(), err.toString());
    }

    /**
     * @param home the home every test of a class works in, given as {@code --home} before the rest
     * @param args the rest of the command line
     * @return the finished run
     */
    static CliRun inHome(java.nio.file.Path home, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return of(all);
    }
}
