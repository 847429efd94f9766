package io.tierstate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The IAM policy in {@code docs/aws.md} is the adapter's real least privilege: it allows every
 * call the adapter makes and nothing else, and scopes the destructive IAM, EC2 and ELB actions.
 *
 * <p>The calls are collected by running every wire test once more here, in process, with
 * {@link RecordedOperations} on every SDK client; so this test does not depend on the order in
 * which Surefire runs classes, and a call that no wire test sends cannot be "allowed" by accident.
 */
class IamPolicyTest {

    /** The SDK's service names and the IAM prefixes of those services. */
    private static final Map<String, String> PREFIXES = Map.of("ec2", "ec2", "cloudfront", "cloudfront",
            "elasticloadbalancingv2", "elasticloadbalancing", "efs", "elasticfilesystem", "iam", "iam", "sts", "sts",
            "acm", "acm", "cloudwatch", "cloudwatch");

    /**
     * API operations whose IAM authorization is not (only) the action of the same name. AWS
     * authorizes {@code CreateDistributionWithTags} as the create plus {@code TagResource}, and EFS
     * deletes a mount target's network interface with the caller's own permissions.
     */
    private static final Map<String, List<String>> AUTHORIZED_AS = Map.of(
            "cloudfront:CreateDistributionWithTags", List.of("cloudfront:CreateDistributionWithTags",
                    "cloudfront:CreateDistribution", "cloudfront:TagResource"),
            "elasticfilesystem:DeleteMountTarget", List.of("elasticfilesystem:DeleteMountTarget", "ec2:DeleteNetworkInterface"));

    /**
     * Destructive actions that cannot be scoped by the stack: EFS's own network interfaces, spot
     * requests and a VPC's default network ACL carry no stack tag. Their statements name the
     * resource type instead of {@code *}.
     */
    private static final Set<String> SCOPED_BY_TYPE_ONLY = Set.of("ec2:DeleteNetworkInterface", "ec2:CancelSpotInstanceRequests",
            "ec2:ReplaceNetworkAclAssociation");

    private static final Pattern DESTRUCTIVE = Pattern.compile("(iam|ec2|elasticloadbalancing):"
            + "(Delete|Terminate|Modify|Remove|Detach|Disassociate|Replace|Release|Cancel)[A-Za-z]*");

    private static Set<String> sdkOperations;
    private static TestExecutionSummary wireRun;

    @BeforeAll
    static void runTheWireTests() {
        RecordedOperations.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("io.tierstate.aws"))
                .filters(includeClassNamePatterns(".*WireTest", ".*\\.AwsCloudTest", ".*\\.AwsRegionSessionTest"))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        wireRun = listener.getSummary();
        sdkOperations = RecordedOperations.seen();
    }

    @Test
    void theWireTestsRanAndPassed() {
        assertThat(wireRun.getTestsSucceededCount()).as("wire tests run").isGreaterThan(100);
        assertThat(wireRun.getFailures()).as("a failing wire test would leave calls unrecorded").isEmpty();
    }

    @Test
    void policy_allowsExactlyWhatTheWireTestsSend() throws IOException {
        Set<String> required = required(sdkOperations);

        Set<String> allowed = allowedActions(policy());

        assertThat(new TreeSet<>(required)).as("called by the adapter but not allowed by the policy in docs/aws.md")
                .isSubsetOf(allowed);
        assertThat(new TreeSet<>(allowed)).as("allowed by the policy in docs/aws.md but never called by the adapter")
                .isSubsetOf(required);
    }

    @Test
    void everyCallInTheAdaptersSource_isSentByAWireTest() throws IOException {
        Set<String> named = new TreeSet<>();
        Pattern operation = Pattern.compile("\"((?:ec2|elasticloadbalancing|elasticfilesystem|iam|sts|acm|cloudfront|cloudwatch):[A-Z][A-Za-z]+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = operation.matcher(Files.readString(file));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        // operations the SDK names for itself, e.g. "ec2:DescribeInstances"
        Set<String> sent = new TreeSet<>();
        for (String op : sdkOperations) {
            sent.add(iamName(op));
        }

        assertThat(named).as("the adapter's operations").hasSizeGreaterThan(50);
        assertThat(sent).as("operations the adapter names that no wire test sends").containsAll(named);
    }

    @Test
    void destructiveIamEc2AndElbActions_areScopedByNameOrTag() throws IOException {
        List<String> unscoped = new ArrayList<>();
        for (JsonNode statement : policy().get("Statement")) {
            boolean everything = strings(statement.get("Resource")).contains("*");
            boolean condition = statement.has("Condition");
            for (String action : strings(statement.get("Action"))) {
                if (!DESTRUCTIVE.matcher(action).matches()) {
                    continue;
                }
                List<String> resources = strings(statement.get("Resource"));
                String where = statement.get("Sid").asText() + ": " + action;
                if (everything && !condition) {
                    unscoped.add(where + " on *");
                } else if (!condition && !SCOPED_BY_TYPE_ONLY.contains(action)
                        && !resources.stream().allMatch(r -> r.contains("*-"))) {
                    // a name pattern is a GeuseMaker suffix after the stack name: "*-alb", "*-tg", "*-efs-mount-role"
                    unscoped.add(where + " has neither a name pattern nor a condition: " + resources);
                }
            }
        }
        assertThat(unscoped).isEmpty();
    }

    /** The IAM actions the recorded SDK operations need. */
    static Set<String> required(Set<String> sdk) {
        Set<String> actions = new TreeSet<>();
        for (String op : sdk) {
            String action = iamName(op);
            actions.addAll(AUTHORIZED_AS.getOrDefault(action, List.of(action)));
        }
        return actions;
    }

    private static String iamName(String sdkOperation) {
        int colon = sdkOperation.indexOf(':');
        String service = sdkOperation.substring(0, colon).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String prefix = PREFIXES.get(service);
        assertThat(prefix).as("IAM prefix of the SDK service " + sdkOperation).isNotNull();
        return prefix + sdkOperation.substring(colon);
    }

    /** The policy: the first JSON block after the heading "IAM permissions" in docs/aws.md. */
    static JsonNode policy() throws IOException {
        Path doc = Path.of("..", "docs", "aws.md");
        String text = Files.readString(doc);
        int section = text.indexOf("## IAM permissions");
        assertThat(section).as("docs/aws.md has an IAM permissions section").isNotNegative();
        int start = text.indexOf("```json", section);
        int end = text.indexOf("```", start + 7);
        return new ObjectMapper().readTree(text.substring(start + 7, end));
    }

    private static Set<String> allowedActions(JsonNode policy) {
        Set<String> allowed = new TreeSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
            allowed.addAll(strings(statement.get("Action")));
        }
        return allowed;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
