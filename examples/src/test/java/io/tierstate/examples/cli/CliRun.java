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
        return new CliRun(status, checkedForJavaHints(out.toString()), checkedForJavaHints(err.toString()));
    }

    /**
     * What the library says to Java callers: a type's static call, a chained call, a lambda, a
     * "(Java: ...)" aside. The program must say the command or flag instead (see {@code CliWords}),
     * so every CLI test's output is checked for these.
     */
    private static final java.util.regex.Pattern JAVA_HINT = java.util.regex.Pattern.compile(
            "\\b(?:DeploymentHandle|DeploymentClient|PriceCatalog|AwsCloud|SimulatedCloud|UsageProfile|CloudFrontOptions)\\.\\w+\\("
            + "|\\bclient\\.\\w+\\(|\\w\\(\\)\\.\\w+\\(|\\(\\w+ -> |\\((?:Java|library): |\\b(?:refresh|destroy|update|restore|backups)\\(\\)"
            + "|\\bwith[A-Z]\\w*\\(");

    /**
     * @param text what the program printed on one stream
     * @return the text, when it names no Java call
     * @throws AssertionError quoting the line that does
     */
    static String checkedForJavaHints(String text) {
        java.util.regex.Matcher m = JAVA_HINT.matcher(text);
        if (m.find()) {
            int start = text.lastIndexOf('\n', m.start()) + 1;
            int end = text.indexOf('\n', m.end());
            throw new AssertionError("the program printed a Java hint ('" + m.group() + "') where a command or flag belongs: "
                    + text.substring(start, end < 0 ? text.length() : end));
        }
        return text;
    }

    /**
     * @param home the home every test of a class works in, given as {@code --home} before the rest
     * @param args the rest of the command line
     * @return the finished run
     */
    static CliRun inHome(java.nio.file.Path home, String... args) {
        return of(prefixed(args, "--home", home.toString()));
    }

    /** Runs the program in a home with {@code --cloud simulated}: the world the CLI keeps beside that home. */
    static CliRun onSimulatedCloud(java.nio.file.Path home, String... args) {
        return inHome(home, prefixed(args, "--cloud", "simulated"));
    }

    /** The arguments with the given ones before them. */
    static String[] prefixed(String[] args, String... first) {
        String[] all = new String[args.length + first.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(args, 0, all, first.length, args.length);
        return all;
    }
}
