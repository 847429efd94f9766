package io.tierstate.examples.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line reads and answers: {@code --help}/{@code -h} on every command with its
 * defaults, {@code --region} after any command, numbers refused in the flag's words, and usage
 * errors that suggest the nearest command or option instead of an argument index.
 */
final class CliSyntax {

    private CliSyntax() {}

    /**
     * Sets up the parser: help options and defaults on every command, {@code --region} on every
     * command but {@code list} (whose {@code --region} filters) and {@code cost} (whose {@code --region}
     * is the region to price in), converters with plain messages and
     * a command list that shows each command's synopsis.
     *
     * @param root the program's command line
     */
    static void configure(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (!spec.mixins().containsKey("mixinStandardHelpOptions")) {
                spec.mixinStandardHelpOptions(true);
            }
            spec.usageMessage().showDefaultValues(true);
            if (!spec.name().equals("list") && !spec.name().equals("help") && spec.findOption("--region") == null) {
                spec.addOption(OptionSpec.builder("--region").paramLabel("R").type(String.class)
                        .description("The AWS region (default: the AWS SDK's: AWS_REGION, the profile ...).").build());
            }
        }
        root.getCommandSpec().usageMessage().showDefaultValues(true);
        root.registerConverter(BigDecimal.class, v -> {
            try {
                return new BigDecimal(v.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + v + "' is not a number (e.g. 100 or 2.5)");
            }
        });
        root.registerConverter(Long.class, v -> whole(v, Long::valueOf));
        root.registerConverter(Long.TYPE, v -> whole(v, Long::valueOf));
        root.registerConverter(Integer.class, v -> whole(v, Integer::valueOf));
        root.registerConverter(Integer.TYPE, v -> whole(v, Integer::valueOf));
        root.registerConverter(Double.class, v -> {
            try {
                return Double.valueOf(v.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + v + "' is not a number (e.g. 60)");
            }
        });
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> commandList(root));
    }

    private static <T> T whole(String v, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(v.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + v + "' is not a whole number (e.g. 1000000)");
        }
    }

    /** Each command as its synopsis, then what it does. */
    private static String commandList(CommandLine root) {
        StringBuilder b = new StringBuilder("Commands (tierstate COMMAND --help for each one's options and defaults):\n");
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            CommandSpec spec = e.getValue().getCommandSpec();
            b.append("  ").append(synopsis(spec)).append('\n');
            String[] description = spec.usageMessage().description();
            if (description.length > 0) {
                String first = description[0];
                int dot = first.indexOf(". ");
                b.append("      ").append(dot > 0 ? first.substring(0, dot + 1) : first).append('\n');
            }
        }
        return b.toString();
    }

    /** {@code tierstate destroy [OPTIONS] NAME}, with any required option spelled out. */
    static String synopsis(CommandSpec spec) {
        StringBuilder b = new StringBuilder(spec.qualifiedName(" "));
        for (OptionSpec o : spec.options()) {
            if (o.required()) {
                b.append(' ').append(o.longestName()).append(' ').append(o.paramLabel());
            }
        }
        b.append(" [OPTIONS]");
        for (PositionalParamSpec p : spec.positionalParameters()) {
            String label = p.paramLabel();
            b.append(' ').append(p.arity().min == 0 ? "[" + label + "]" : label);
        }
        return b.toString();
    }

    /** @return the command's name after {@code tierstate}, or "" for the program itself */
    static String commandName(CommandLine line) {
        return line.getParent() == null ? "" : line.getCommandSpec().qualifiedName(" ").replaceFirst("^tierstate ?", "");
    }

    private static final Pattern MISSING_VALUE = Pattern.compile("Missing required parameter for option '([^']+)' \\((.*)\\)");
    private static final Pattern INVALID_VALUE = Pattern.compile("Invalid value for option '([^']+)': (.*)", Pattern.DOTALL);

    /**
     * A usage error in the program's words: the nearest command or option for a typo, the flag
     * and what it allows for a bad value, never an argument index or a Java type.
     *
     * @param e picocli's exception
     * @return one line
     */
    static String explain(ParameterException e) {
        CommandLine line = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            String where = line.getCommandSpec().qualifiedName(" ");
            if (arg.startsWith("-")) {
                String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                return "unknown option '" + option + "' for '" + where + "'"
                        + nearest(option, line.getCommandSpec().optionsMap().keySet());
            }
            if (line.getParent() == null) {
                return "unknown command '" + arg + "'" + nearest(arg, line.getSubcommands().keySet());
            }
            return "'" + where + "' does not take '" + arg + "'; usage: " + synopsis(line.getCommandSpec());
        }
        String message = TierStateCli.oneLine(io.tierstate.error.Redaction.mask(e.getMessage()));
        Matcher m = INVALID_VALUE.matcher(message);
        if (m.matches()) {
            return m.group(1) + ": " + m.group(2).replaceAll(" \\(java\\.[^)]*\\)", "");
        }
        Matcher noValue = MISSING_VALUE.matcher(message);
        if (noValue.matches()) {
            return noValue.group(1) + " needs a value (" + noValue.group(2) + ")";
        }
        if (message.startsWith("Missing required parameter") || message.startsWith("Missing required option")) {
            return message.replaceFirst("Missing required (parameter|option)s?: ", "missing ")
                    + "; usage: " + synopsis(line.getCommandSpec());
        }
        return message;
    }

    /** @return "; did you mean 'x'?" for the closest candidate, or "" when none is close */
    static String nearest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String t = typed.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            String l = c.toLowerCase(Locale.ROOT);
            int d = l.startsWith(t) && t.replace("-", "").length() >= 2 ? 1 : distance(t, l);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(2, typed.replace("-", "").length() / 3);
        if (best == null || bestDistance > allowed) {
            List<String> sorted = new ArrayList<>(candidates);
            return candidates.size() > 12 ? "" : "; expected one of: " + String.join(", ", sorted.stream().sorted().toList());
        }
        return "; did you mean '" + best + "'?";
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
