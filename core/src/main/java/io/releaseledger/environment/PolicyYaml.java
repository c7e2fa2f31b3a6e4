package io.releaseledger.environment;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads the {@code environments:} section of a {@code release-ledger.yaml} (format: {@code docs/environment-policy.md})
 * into an {@link EnvironmentConfig}: every policy goes through its record's own constructor, and every refusal names
 * the file, the line and the field path ({@link YamlTree}).
 */
public final class PolicyYaml {
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("order", "requires", "approval", "freezes",
            "autoRollback", "onInconclusive", "allowedDeployers", "credentials");
    private static final Set<String> APPROVAL_KEYS = Set.of("required", "approvers", "allowSelfApproval", "timeout");
    private static final Set<String> FREEZE_KEYS = Set.of("name", "cron", "duration", "start", "end", "zone");

    private final YamlTree tree;

    private PolicyYaml(YamlTree tree) {
        this.tree = tree;
    }

    /**
     * The environments of the mapping {@code node}, in the file's order; {@code null} (no {@code environments:}) for
     * none.
     *
     * @throws InvalidPolicyException naming file, line, field, value and what is allowed
     */
    public static EnvironmentConfig environments(YamlTree tree, Node node) {
        return new PolicyYaml(tree).read(node);
    }

    private EnvironmentConfig read(Node node) {
        List<EnvironmentPolicy> environments = new ArrayList<>();
        if (node != null) {
            int position = 0;
            for (Map.Entry<String, NodeTuple> env : tree.mapping(node, "environments", null).entrySet()) {
                position++;
                tree.at(env.getValue().getKeyNode(), () -> EnvironmentPolicy.validName("environments", env.getKey()));
                environments.add(environment(env.getKey(), position, env.getValue().getValueNode()));
            }
        }
        return tree.build("environments", () -> new EnvironmentConfig(environments));
    }

    private EnvironmentPolicy environment(String name, int position, Node node) {
        String path = "environments." + name;
        Map<String, NodeTuple> keys = tree.optionalMapping(node, path, ENVIRONMENT_KEYS);
        String orderText = tree.text(keys, path, "order", "a whole number");
        int order = orderText == null ? position : tree.integer(keys.get("order").getValueNode(), path + ".order", orderText);
        Set<String> requires = new LinkedHashSet<>(tree.strings(keys, path, "requires", "environment names"));
        ApprovalPolicy approval = keys.containsKey("approval")
                ? approval(keys.get("approval").getValueNode(), path + ".approval") : ApprovalPolicy.NONE;
        List<FreezeWindow> freezes = new ArrayList<>();
        if (keys.containsKey("freezes")) {
            List<Node> items = tree.sequence(keys.get("freezes").getValueNode(), path + ".freezes");
            for (int i = 0; i < items.size(); i++) freezes.add(freeze(items.get(i), path + ".freezes[" + i + "]"));
        }
        boolean autoRollback = tree.bool(keys, path, "autoRollback", true);
        String inconclusive = tree.text(keys, path, "onInconclusive", "unhealthy or healthy");
        InconclusiveOutcome onInconclusive = inconclusive == null ? InconclusiveOutcome.UNHEALTHY : switch (inconclusive) {
            case "unhealthy" -> InconclusiveOutcome.UNHEALTHY;
            case "healthy" -> InconclusiveOutcome.HEALTHY;
            default -> throw tree.error(keys.get("onInconclusive").getValueNode(), path + ".onInconclusive",
                    inconclusive, "unhealthy (the default) or healthy");
        };
        List<JobPattern> deployers = new ArrayList<>();
        for (YamlTree.Item item : tree.items(keys, path, "allowedDeployers")) {
            String glob = tree.scalar(item.node(), item.path(), JobPattern.ALLOWED);
            deployers.add(tree.at(item.node(), item.path(), () -> new JobPattern(glob)));
        }
        List<CredentialBinding> credentials = new ArrayList<>();
        if (keys.containsKey("credentials")) {
            String credPath = path + ".credentials";
            for (Map.Entry<String, NodeTuple> binding : tree.optionalMapping(keys.get("credentials").getValueNode(), credPath, null).entrySet()) {
                String itemPath = credPath + "." + binding.getKey();
                String reference = tree.scalar(binding.getValue().getValueNode(), itemPath, "a credentials id");
                credentials.add(tree.at(binding.getValue().getKeyNode(), itemPath,
                        () -> new CredentialBinding(binding.getKey(), reference)));
            }
        }
        return tree.build(path, () -> new EnvironmentPolicy(name, order, requires, approval, freezes, autoRollback,
                onInconclusive, deployers, credentials));
    }

    private ApprovalPolicy approval(Node node, String path) {
        Map<String, NodeTuple> keys = tree.optionalMapping(node, path, APPROVAL_KEYS);
        String requiredText = tree.text(keys, path, "required", "a whole number, 0 or more");
        int required = requiredText == null ? 0 : tree.integer(keys.get("required").getValueNode(), path + ".required", requiredText);
        Set<Approver> approvers = new LinkedHashSet<>();
        for (YamlTree.Item item : tree.items(keys, path, "approvers")) {
            String entry = tree.scalar(item.node(), item.path(), Approver.ALLOWED);
            approvers.add(tree.at(item.node(), item.path(), () -> Approver.parse("approvers", entry)));
        }
        boolean self = tree.bool(keys, path, "allowSelfApproval", false);
        String timeoutText = tree.text(keys, path, "timeout", PolicyDurations.ALLOWED);
        var timeout = timeoutText == null ? ApprovalPolicy.DEFAULT_TIMEOUT
                : tree.at(keys.get("timeout").getValueNode(), () -> PolicyDurations.parse(path + ".timeout", timeoutText));
        return tree.build(path, () -> new ApprovalPolicy(required, approvers, self, timeout));
    }

    private FreezeWindow freeze(Node node, String path) {
        Map<String, NodeTuple> keys = tree.mapping(node, path, FREEZE_KEYS);
        String name = tree.text(keys, path, "name", "a freeze name");
        String zoneText = tree.text(keys, path, "zone", "a named zone");
        if (zoneText == null) throw tree.error(node, path + ".zone", null, "a named zone such as Europe/Berlin or UTC");
        ZoneId zone = zone(keys.get("zone").getValueNode(), path + ".zone", zoneText);
        boolean recurring = keys.containsKey("cron") || keys.containsKey("duration");
        boolean absolute = keys.containsKey("start") || keys.containsKey("end");
        if (recurring == absolute) {
            throw tree.error(node, path, null, recurring ? "has both cron/duration and start/end" : "has neither cron/duration nor start/end",
                    "either cron and duration (a recurring freeze) or start and end (a one-off freeze)");
        }
        if (recurring) {
            String cronText = tree.text(keys, path, "cron", CronSchedule.ALLOWED);
            String durationText = tree.text(keys, path, "duration", PolicyDurations.ALLOWED);
            CronSchedule cron = cronText == null ? null : tree.at(keys.get("cron").getValueNode(), () -> CronSchedule.parse(path + ".cron", cronText));
            var duration = durationText == null ? null
                    : tree.at(keys.get("duration").getValueNode(), () -> PolicyDurations.parse(path + ".duration", durationText));
            return tree.build(path, () -> new FreezeWindow.Recurring(name, cron, duration, zone));
        }
        LocalDateTime start = dateTime(keys, path, "start");
        LocalDateTime end = dateTime(keys, path, "end");
        return tree.build(path, () -> new FreezeWindow.Absolute(name, start, end, zone));
    }

    private ZoneId zone(Node node, String path, String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw tree.error(node, path, text, "a named zone such as Europe/Berlin or UTC");
        }
    }

    private LocalDateTime dateTime(Map<String, NodeTuple> keys, String path, String key) {
        String allowed = "a local date-time such as 2026-12-20T00:00, or a date such as 2026-12-20 (meaning its start)";
        String text = tree.text(keys, path, key, allowed);
        if (text == null) return null;
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw tree.error(keys.get(key).getValueNode(), path + "." + key, text, allowed);
        }
    }
}
