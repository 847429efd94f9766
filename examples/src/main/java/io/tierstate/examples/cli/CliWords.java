package io.tierstate.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's hints name Java calls ({@code DeploymentHandle.backups()}, {@code refresh()},
 * {@code PriceCatalog.defaults().withInstancePrice(...)}); a person at the prompt needs the command
 * or the flag instead. This table rewrites the known fragments; the library keeps its Java hints for
 * Java callers.
 */
final class CliWords {

    private CliWords() {}

    /**
     * A rewrite, and a piece of plain text every match contains: a text without it (a 10,000-row
     * table, say) is passed over without running the expression.
     */
    private record Rule(String needle, Pattern pattern, String replacement) {}

    private static Rule rule(String regex, String replacement) {
        return new Rule(needle(regex), Pattern.compile(regex), replacement);
    }

    /** A rule whose expression starts with a class or group: the literal every match contains is given. */
    private static Rule rule(String needle, String regex, String replacement) {
        return new Rule(needle, Pattern.compile(regex), replacement);
    }

    /** The longest run of literal characters at the start of the expression (up to its first metacharacter). */
    static String needle(String regex) {
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
                literal.append(regex.charAt(++i));
            } else if ("\\[](){}.*+?^$|".indexOf(c) >= 0) {
                // a quantifier applies to the character before it, which may then be absent
                if ((c == '*' || c == '?' || c == '{') && literal.length() > 0) {
                    literal.setLength(literal.length() - 1);
                }
                break;
            } else {
                literal.append(c);
            }
        }
        return literal.toString();
    }

    /** In order: the longer, more specific fragments first. */
    private static final List<Rule> RULES = List.of(
            // CorruptStateException
            rule("\\(DeploymentHandle\\.backups\\(\\)/restore\\(\\.\\.\\.\\)\\)",
                    "('tierstate backups NAME', then 'tierstate restore NAME BACKUP')"),
            // UnknownPriceException
            rule("Add it in code: PriceCatalog\\.defaults\\(\\)\\.withInstancePrice\\([^)]*\\)\\), or in a catalog file (\\{.*?\\}\\}\\})"
                    + " loaded with PriceCatalog\\.defaults\\(\\)\\.overriddenBy\\(Path\\.of\\(\"prices\\.json\"\\)\\)\\.",
                    "Put it in a price file, $1, and pass --prices FILE."),
            // UnknownPriceException in a region, UnknownRegionException
            rule("Add (it|them|the region) in a catalog file (\\{.*?\\}) loaded with PriceCatalog\\.defaults\\(\\)\\.overriddenBy"
                    + "\\(Path\\.of\\(\"prices\\.json\"\\)\\)\\.", "Put $1 in a price file, $2, and pass --prices FILE."),
            rule("\\(PriceCatalog\\.load or overriddenBy\\)", "(--prices FILE)"),
            rule("layer a partial file over the defaults with PriceCatalog\\.defaults\\(\\)\\.overriddenBy\\(path\\)",
                    "pass a partial file with --prices FILE"),
            rule(", or start from PriceCatalog\\.defaults\\(\\)\\.toJson\\(\\)", " (docs/cost.md shows every field)"),
            rule("PriceCatalog\\.defaults\\(\\)\\.toJson\\(\\) for every field", "docs/cost.md for every field"),
            // provisioning
            rule("record it first, e\\.g\\. update\\(s -> s\\.withAlbArn\\(arn\\)\\.withAlbDns\\(dns\\)\\)",
                    "record it first: add alb_arn and alb_dns to the deployment's state file"),
            rule("run refresh\\(\\) later, or wait longer with withTimeout\\(\\.\\.\\.\\)",
                    "run 'tierstate refresh NAME' later to see when it is Deployed"),
            rule("and refresh\\(\\) updates the state", "and 'tierstate refresh NAME' updates the state"),
            // destroy: the library names the call and the command; keep the command
            rule("destroy().", "(?:with )?destroy\\(\\)\\.\\w+\\(\\) \\((tierstate destroy [^)]*)\\)", "with '$1'"),
            rule(" \\(library: \\.disableProtection\\(\\)\\)", ""),
            // inspect's text
            rule("(Java: client.", " +\\(Java: client\\.deployment\\(\"[^\"]*\"\\)\\.destroy\\(\\)\\.run\\(\\)\\)", ""),
            rule("(Java: client.", " +\\(Java: client\\.completePendingDestroys\\(\\)\\)", ""),
            // the AWS adapter's region help
            rule(", or call AwsCloud\\.builder\\(\\)\\.region\\(\"us-east-1\"\\)", ""),
            rule(", or pass AwsCloud\\.builder\\(\\)\\.credentialsProvider\\(\\.\\.\\.\\)", ""));

    /**
     * Rewrites the library's Java hints in a message or a rendered report into CLI words.
     *
     * @param text what the library wrote
     * @return the same text, each known Java hint replaced by the command or flag
     */
    static String translate(String text) {
        String result = text;
        for (Rule r : RULES) {
            if (!result.contains(r.needle())) {
                continue;
            }
            Matcher m = r.pattern().matcher(result);
            if (m.find()) {
                result = m.replaceAll(r.replacement());
            }
        }
        return result;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Rewrites the hints inside every string of a JSON document; the document is returned as it was
     * when none needed rewriting.
     *
     * @param json a JSON document
     * @return the document with its strings translated
     */
    static String translateJson(String json) {
        if (!json.contains("(") && !json.contains("PriceCatalog")) {
            return json;
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (!rewrite(tree)) {
                return json;
            }
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }

    private static boolean rewrite(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    String t = translate(e.getValue().textValue());
                    if (!t.equals(e.getValue().textValue())) {
                        e.setValue(TextNode.valueOf(t));
                        changed = true;
                    }
                } else {
                    changed |= rewrite(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    String t = translate(a.get(i).textValue());
                    if (!t.equals(a.get(i).textValue())) {
                        a.set(i, TextNode.valueOf(t));
                        changed = true;
                    }
                } else {
                    changed |= rewrite(a.get(i));
                }
            }
        }
        return changed;
    }
}
