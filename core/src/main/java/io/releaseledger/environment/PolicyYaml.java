package io.releaseledger.environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import io.releaseledger.notify.Notification;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.notify.WebhookTarget;
import io.releaseledger.secrets.SecretReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads {@code release-ledger.yaml}, the command-line tool's configuration (format: {@code docs/environment-policy.md}).
 *
 * <p>The file is read as a YAML node tree rather than bound to objects, so every error can name the file,
 * the line, the field path (e.g. {@code environments.production.approval.required}), the value and what is
 * allowed. Unknown keys are errors: a misspelt {@code aproval:} silently ignored would leave production
 * without an approval gate.
 */
public final class PolicyYaml {
    private static final Set<String> TOP_KEYS = Set.of("version", "ledger", "environments", "notifications");
    private static final Set<String> LEDGER_KEYS = Set.of("url", "user", "passwordEnv", "passwordFile");
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("order", "requires", "approval", "freezes",
            "autoRollback", "onInconclusive", "allowedDeployers", "credentials");
    private static final Set<String> APPROVAL_KEYS = Set.of("required", "approvers", "allowSelfApproval", "timeout");
    private static final Set<String> FREEZE_KEYS = Set.of("name", "cron", "duration", "start", "end", "zone");
    private static final Set<String> NOTIFICATIONS_KEYS = Set.of("webhooks");
    private static final Set<String> WEBHOOK_KEYS = Set.of("url", "header", "events");
    private static final Set<String> HEADER_KEYS = Set.of("name", "value");
    private static final String EVENTS = String.join(", ",
            Arrays.stream(Notification.Kind.values()).map(Notification.Kind::event).toList());
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");

    private final String file;
    private Node root;

    private PolicyYaml(String file) {
        this.file = file;
    }

    /**
     * Reads and validates the file at {@code path}.
     *
     * @throws InvalidPolicyException naming file, line, field, value and what is allowed
     * @throws IOException when the file cannot be read
     */
    public static ReleaseLedgerFile load(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    /**
     * Reads and validates YAML text; {@code fileName} is used in error messages.
     *
     * @throws InvalidPolicyException naming file, line, field, value and what is allowed
     */
    public static ReleaseLedgerFile parse(String yaml, String fileName) {
        return new PolicyYaml(fileName).read(yaml);
    }

    private ReleaseLedgerFile read(String yaml) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setUseMarks(true)
                .setMaxAliasesForCollections(50).setCodePointLimit(1 << 20).build();
        try {
            root = new Compose(settings).composeString(yaml).orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new InvalidPolicyException("(file)", null, "is not valid YAML: " + e.getProblem(),
                    "YAML as described in docs/environment-policy.md").locatedAt("", file, line);
        } catch (YamlEngineException e) {
            throw new InvalidPolicyException("(file)", null, "is not valid YAML: " + e.getMessage(),
                    "YAML as described in docs/environment-policy.md").locatedAt("", file, 0);
        }
        if (root == null || isNull(root)) {
            throw new InvalidPolicyException("(file)", null, "is empty", "a mapping with environments: and optionally ledger:")
                    .locatedAt("", file, 1);
        }
        Map<String, NodeTuple> top = mapping(root, "", TOP_KEYS);
        if (top.containsKey("version")) {
            Node version = top.get("version").getValueNode();
            String text = scalar(version, "version", "1");
            if (!"1".equals(text)) throw error(version, "version", text, "1");
        }
        Optional<LedgerSettings> ledger = top.containsKey("ledger")
                ? Optional.of(ledger(top.get("ledger").getValueNode())) : Optional.empty();
        List<EnvironmentPolicy> environments = new ArrayList<>();
        if (top.containsKey("environments")) {
            Node envs = top.get("environments").getValueNode();
            int position = 0;
            for (Map.Entry<String, NodeTuple> env : mapping(envs, "environments", null).entrySet()) {
                position++;
                at(env.getValue().getKeyNode(), () -> EnvironmentPolicy.validName("environments", env.getKey()));
                environments.add(environment(env.getKey(), position, env.getValue().getValueNode()));
            }
        }
        EnvironmentConfig config = build("environments", () -> new EnvironmentConfig(environments));
        List<WebhookTarget> webhooks = top.containsKey("notifications")
                ? webhooks(top.get("notifications").getValueNode()) : List.of();
        return new ReleaseLedgerFile(ledger, config, webhooks);
    }

    // --- notifications: every value here may be a secret pasted in by mistake, so none is echoed ---

    private List<WebhookTarget> webhooks(Node node) {
        Map<String, NodeTuple> keys = optionalMapping(hiddenIfScalar(node, "notifications", "a mapping with the key webhooks"),
                "notifications", NOTIFICATIONS_KEYS);
        List<WebhookTarget> webhooks = new ArrayList<>();
        if (keys.containsKey("webhooks")) {
            String path = "notifications.webhooks";
            Node list = keys.get("webhooks").getValueNode();
            List<Node> items = sequence(hiddenIfScalar(list, path, "a list of webhooks, each with url: and optionally header: and events:"), path);
            for (int i = 0; i < items.size(); i++) webhooks.add(webhook(items.get(i), path + "[" + i + "]"));
        }
        return webhooks;
    }

    private WebhookTarget webhook(Node node, String path) {
        Map<String, NodeTuple> keys = mapping(hiddenIfScalar(node, path, "a mapping with the keys events, header, url"),
                path, WEBHOOK_KEYS);
        String url = secretReference(node, keys, path, "url",
                "a webhook URL carries its token, so it is kept in a variable or a file and only named here");
        Optional<WebhookTarget.Header> header = keys.containsKey("header")
                ? Optional.of(header(keys.get("header").getValueNode(), path + ".header")) : Optional.empty();
        Set<Notification.Kind> events = EnumSet.noneOf(Notification.Kind.class);
        for (Item item : items(keys, path, "events")) {
            String text = scalar(item.node(), item.path(), "one of " + EVENTS);
            events.add(Notification.Kind.ofEvent(text)
                    .orElseThrow(() -> error(item.node(), item.path(), text, "one of " + EVENTS)));
        }
        if (keys.containsKey("events") && events.isEmpty()) {
            throw error(keys.get("events").getValueNode(), path + ".events", null, "is empty",
                    "one or more of " + EVENTS + "; leave events out to send all of them");
        }
        Set<Notification.Kind> wanted = keys.containsKey("events") ? events : EnumSet.allOf(Notification.Kind.class);
        return new WebhookTarget(url, header, wanted);
    }

    private WebhookTarget.Header header(Node node, String path) {
        Map<String, NodeTuple> keys = mapping(hiddenIfScalar(node, path, "a mapping with the keys name, value"),
                path, HEADER_KEYS);
        NodeTuple nameTuple = keys.get("name");
        String name = nameTuple == null ? null : scalar(nameTuple.getValueNode(), path + ".name", WebhookNotifier.HEADER_NAME_ALLOWED);
        if (name == null) throw error(nameTuple == null ? node : nameTuple.getValueNode(), path + ".name", null,
                WebhookNotifier.HEADER_NAME_ALLOWED);
        Optional<String> problem = WebhookNotifier.headerNameProblem(name);
        if (problem.isPresent()) {
            // Not echoed: a bad name may be a whole "Authorization: Bearer …" line pasted in.
            throw error(nameTuple.getValueNode(), path + ".name", "(hidden)", problem.get(), WebhookNotifier.HEADER_NAME_ALLOWED);
        }
        String value = secretReference(node, keys, path, "value",
                "the header's whole value, e.g. Bearer <token>, is kept in a variable or a file and only named here");
        return new WebhookTarget.Header(name, value);
    }

    /** A required secret reference; a bad one is reported without its text. */
    private String secretReference(Node parent, Map<String, NodeTuple> keys, String path, String key, String why) {
        String field = path + "." + key;
        String allowed = SecretReference.ALLOWED + " (" + why + ")";
        NodeTuple tuple = keys.get(key);
        if (tuple == null) throw error(parent, field, null, allowed);
        Node value = tuple.getValueNode();
        String text = scalar(value, field, allowed);
        if (text == null) throw error(value, field, null, allowed);
        Optional<String> problem = SecretReference.problem(text);
        if (problem.isPresent()) throw error(value, field, "(hidden)", problem.get(), allowed);
        return text;
    }

    /** {@code node}, unless it is a plain value where a mapping or list belongs: then an error that does not repeat it. */
    private Node hiddenIfScalar(Node node, String path, String expected) {
        if (node instanceof ScalarNode && !isNull(node)) {
            throw error(node, path, "(hidden)", "is a single value (not repeated here: it may be a secret)", expected);
        }
        return node;
    }

    private LedgerSettings ledger(Node node) {
        Map<String, NodeTuple> keys = mapping(node, "ledger", LEDGER_KEYS);
        String url = text(keys, "ledger", "url", "a JDBC URL");
        String user = text(keys, "ledger", "user", "a database user name");
        String passwordEnv = text(keys, "ledger", "passwordEnv", "an environment variable name");
        String passwordFile = text(keys, "ledger", "passwordFile", "a file path");
        return build("ledger", () -> new LedgerSettings(url, user, passwordEnv, passwordFile == null ? null : Path.of(passwordFile)));
    }

    private EnvironmentPolicy environment(String name, int position, Node node) {
        String path = "environments." + name;
        Map<String, NodeTuple> keys = optionalMapping(node, path, ENVIRONMENT_KEYS);
        String orderText = text(keys, path, "order", "a whole number");
        int order = orderText == null ? position : integer(keys.get("order").getValueNode(), path + ".order", orderText);
        Set<String> requires = new LinkedHashSet<>(strings(keys, path, "requires", "environment names"));
        ApprovalPolicy approval = keys.containsKey("approval")
                ? approval(keys.get("approval").getValueNode(), path + ".approval") : ApprovalPolicy.NONE;
        List<FreezeWindow> freezes = new ArrayList<>();
        if (keys.containsKey("freezes")) {
            List<Node> items = sequence(keys.get("freezes").getValueNode(), path + ".freezes");
            for (int i = 0; i < items.size(); i++) freezes.add(freeze(items.get(i), path + ".freezes[" + i + "]"));
        }
        boolean autoRollback = bool(keys, path, "autoRollback", true);
        String inconclusive = text(keys, path, "onInconclusive", "unhealthy or healthy");
        InconclusiveOutcome onInconclusive = inconclusive == null ? InconclusiveOutcome.UNHEALTHY : switch (inconclusive) {
            case "unhealthy" -> InconclusiveOutcome.UNHEALTHY;
            case "healthy" -> InconclusiveOutcome.HEALTHY;
            default -> throw error(keys.get("onInconclusive").getValueNode(), path + ".onInconclusive",
                    inconclusive, "unhealthy (the default) or healthy");
        };
        List<JobPattern> deployers = new ArrayList<>();
        for (Item item : items(keys, path, "allowedDeployers")) {
            String glob = scalar(item.node(), item.path(), JobPattern.ALLOWED);
            deployers.add(at(item.node(), item.path(), () -> new JobPattern(glob)));
        }
        List<CredentialBinding> credentials = new ArrayList<>();
        if (keys.containsKey("credentials")) {
            String credPath = path + ".credentials";
            for (Map.Entry<String, NodeTuple> binding : optionalMapping(keys.get("credentials").getValueNode(), credPath, null).entrySet()) {
                String itemPath = credPath + "." + binding.getKey();
                String reference = scalar(binding.getValue().getValueNode(), itemPath, "a credentials id");
                credentials.add(at(binding.getValue().getKeyNode(), itemPath,
                        () -> new CredentialBinding(binding.getKey(), reference)));
            }
        }
        return build(path, () -> new EnvironmentPolicy(name, order, requires, approval, freezes, autoRollback,
                onInconclusive, deployers, credentials));
    }

    private ApprovalPolicy approval(Node node, String path) {
        Map<String, NodeTuple> keys = optionalMapping(node, path, APPROVAL_KEYS);
        String requiredText = text(keys, path, "required", "a whole number, 0 or more");
        int required = requiredText == null ? 0 : integer(keys.get("required").getValueNode(), path + ".required", requiredText);
        Set<Approver> approvers = new LinkedHashSet<>();
        for (Item item : items(keys, path, "approvers")) {
            String entry = scalar(item.node(), item.path(), Approver.ALLOWED);
            approvers.add(at(item.node(), item.path(), () -> Approver.parse("approvers", entry)));
        }
        boolean self = bool(keys, path, "allowSelfApproval", false);
        String timeoutText = text(keys, path, "timeout", PolicyDurations.ALLOWED);
        var timeout = timeoutText == null ? ApprovalPolicy.DEFAULT_TIMEOUT
                : at(keys.get("timeout").getValueNode(), () -> PolicyDurations.parse(path + ".timeout", timeoutText));
        return build(path, () -> new ApprovalPolicy(required, approvers, self, timeout));
    }

    private FreezeWindow freeze(Node node, String path) {
        Map<String, NodeTuple> keys = mapping(node, path, FREEZE_KEYS);
        String name = text(keys, path, "name", "a freeze name");
        String zoneText = text(keys, path, "zone", "a named zone");
        if (zoneText == null) throw error(node, path + ".zone", null, "a named zone such as Europe/Berlin or UTC");
        ZoneId zone = zone(keys.get("zone").getValueNode(), path + ".zone", zoneText);
        boolean recurring = keys.containsKey("cron") || keys.containsKey("duration");
        boolean absolute = keys.containsKey("start") || keys.containsKey("end");
        if (recurring == absolute) {
            throw error(node, path, null, recurring ? "has both cron/duration and start/end" : "has neither cron/duration nor start/end",
                    "either cron and duration (a recurring freeze) or start and end (a one-off freeze)");
        }
        if (recurring) {
            String cronText = text(keys, path, "cron", CronSchedule.ALLOWED);
            String durationText = text(keys, path, "duration", PolicyDurations.ALLOWED);
            CronSchedule cron = cronText == null ? null : at(keys.get("cron").getValueNode(), () -> CronSchedule.parse(path + ".cron", cronText));
            var duration = durationText == null ? null
                    : at(keys.get("duration").getValueNode(), () -> PolicyDurations.parse(path + ".duration", durationText));
            return build(path, () -> new FreezeWindow.Recurring(name, cron, duration, zone));
        }
        LocalDateTime start = dateTime(keys, path, "start");
        LocalDateTime end = dateTime(keys, path, "end");
        return build(path, () -> new FreezeWindow.Absolute(name, start, end, zone));
    }

    private ZoneId zone(Node node, String path, String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw error(node, path, text, "a named zone such as Europe/Berlin or UTC");
        }
    }

    private LocalDateTime dateTime(Map<String, NodeTuple> keys, String path, String key) {
        String allowed = "a local date-time such as 2026-12-20T00:00, or a date such as 2026-12-20 (meaning its start)";
        String text = text(keys, path, key, allowed);
        if (text == null) return null;
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw error(keys.get(key).getValueNode(), path + "." + key, text, allowed);
        }
    }

    // --- node access: every failure names file, line and path ---

    private Map<String, NodeTuple> optionalMapping(Node node, String path, Set<String> allowedKeys) {
        return isNull(node) ? Map.of() : mapping(node, path, allowedKeys);
    }

    /** The mapping's entries by key; {@code allowedKeys == null} means any key (names chosen by the user). */
    private Map<String, NodeTuple> mapping(Node node, String path, Set<String> allowedKeys) {
        String where = path.isEmpty() ? "(top level)" : path;
        if (!(node instanceof MappingNode map)) {
            throw error(node, where, describe(node), "is " + describe(node) + ", not a mapping",
                    allowedKeys == null ? "a mapping of names to values (name: value)"
                            : "a mapping with keys " + String.join(", ", new TreeSet<>(allowedKeys)));
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key)) {
                throw error(keyNode, where, describe(keyNode), "has a key that is " + describe(keyNode), "plain text keys");
            }
            String name = key.getValue();
            String keyPath = path.isEmpty() ? name : path + "." + name;
            if (allowedKeys != null && !allowedKeys.contains(name)) {
                if (name.equals("password")) {
                    // Never echo the value: it is probably a real password.
                    throw error(keyNode, keyPath, "(hidden)", "a password must not be written in this file",
                            "passwordEnv: VARIABLE (read from the environment) or passwordFile: PATH");
                }
                throw error(keyNode, keyPath, name, "unknown key " + InvalidPolicyException.quote(name),
                        "the keys " + String.join(", ", new TreeSet<>(allowedKeys)));
            }
            if (entries.putIfAbsent(name, tuple) != null) {
                throw error(keyNode, keyPath, name, "the key " + InvalidPolicyException.quote(name) + " appears twice",
                        "each key once");
            }
        }
        return entries;
    }

    private List<Node> sequence(Node node, String path) {
        if (node instanceof SequenceNode seq) return seq.getValue();
        if (isNull(node)) return List.of();
        throw error(node, path, describe(node), "is " + describe(node) + ", not a list", "a list (one entry per line starting with -)");
    }

    /** A scalar's text; {@code null} for an empty value ({@code key:}, {@code ~}, {@code null}). */
    private String scalar(Node node, String path, String allowed) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, path, describe(node), "is " + describe(node) + ", not a single value", allowed);
        }
        return isNull(node) ? null : scalar.getValue();
    }

    private String text(Map<String, NodeTuple> keys, String path, String key, String allowed) {
        NodeTuple tuple = keys.get(key);
        return tuple == null ? null : scalar(tuple.getValueNode(), path + "." + key, allowed);
    }

    /** A list value's entries with their paths; a single value stands for a list of one, an empty value for none. */
    private List<Item> items(Map<String, NodeTuple> keys, String path, String key) {
        NodeTuple tuple = keys.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) return List.of();
        Node node = tuple.getValueNode();
        if (!(node instanceof SequenceNode seq)) return List.of(new Item(node, path + "." + key));
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) out.add(new Item(seq.getValue().get(i), path + "." + key + "[" + i + "]"));
        return out;
    }

    private record Item(Node node, String path) {}

    private List<String> strings(Map<String, NodeTuple> keys, String path, String key, String allowed) {
        List<String> out = new ArrayList<>();
        for (Item item : items(keys, path, key)) {
            String text = scalar(item.node(), item.path(), allowed);
            if (text == null) throw error(item.node(), item.path(), null, allowed);
            out.add(text);
        }
        return out;
    }

    private int integer(Node node, String path, String text) {
        if (!INTEGER.matcher(text).matches()) throw error(node, path, text, "a whole number");
        return Integer.parseInt(text);
    }

    private boolean bool(Map<String, NodeTuple> keys, String path, String key, boolean defaultValue) {
        String text = text(keys, path, key, "true or false");
        if (text == null) return defaultValue;
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(keys.get(key).getValueNode(), path + "." + key, text,
                    "true or false (default " + defaultValue + ")");
        };
    }

    // --- locating errors ---

    /** Runs a parser that names the full field path, adding file and the node's line. */
    private <T> T at(Node node, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidPolicyException e) {
            if (e.file().isPresent()) throw e;
            throw e.locatedAt("", file, line(node));
        }
    }

    /** Runs a constructor that names a field relative to it; the error is reported at {@code fullPath}. */
    private <T> T at(Node node, String fullPath, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidPolicyException e) {
            if (e.file().isPresent()) throw e;
            throw new InvalidPolicyException(fullPath, e.value(), e.problem(), e.allowed()).locatedAt("", file, line(node));
        }
    }

    /** Runs a record constructor whose errors name fields relative to {@code path}; finds their line in the tree. */
    private <T> T build(String path, Supplier<T> construct) {
        try {
            return construct.get();
        } catch (InvalidPolicyException e) {
            if (e.file().isPresent()) throw e;
            String full = path + "." + e.field();
            throw e.locatedAt(path, file, line(find(root, full)));
        }
    }

    /**
     * The node to point at for a field path such as {@code environments.eu.prod.freezes[1].zone}: the field
     * itself when present, else the key or list item that holds it (a missing field is reported where its
     * parent starts, not on the first line of the parent's body).
     */
    private static Node find(Node node, String path) {
        Node found = node;
        Node anchor = node;
        String rest = path;
        while (!rest.isEmpty()) {
            if (found instanceof MappingNode map) {
                NodeTuple best = null;
                for (NodeTuple tuple : map.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key) {
                        String k = key.getValue();
                        boolean fits = rest.equals(k) || rest.startsWith(k + ".") || rest.startsWith(k + "[");
                        if (fits && (best == null || k.length() > ((ScalarNode) best.getKeyNode()).getValue().length())) best = tuple;
                    }
                }
                if (best == null) return anchor;
                rest = rest.substring(((ScalarNode) best.getKeyNode()).getValue().length());
                if (rest.startsWith(".")) rest = rest.substring(1);
                // A scalar value shares its key's line; a nested block starts below it, so point at the key.
                anchor = best.getKeyNode();
                found = best.getValueNode();
            } else if (found instanceof SequenceNode seq && rest.startsWith("[")) {
                int close = rest.indexOf(']');
                int index = Integer.parseInt(rest.substring(1, close));
                if (index >= seq.getValue().size()) return anchor;
                found = seq.getValue().get(index);
                anchor = found;
                rest = rest.substring(close + 1);
                if (rest.startsWith(".")) rest = rest.substring(1);
            } else {
                return anchor;
            }
        }
        return anchor;
    }

    private InvalidPolicyException error(Node node, String path, String value, String allowed) {
        return new InvalidPolicyException(path, value, allowed).locatedAt("", file, line(node));
    }

    private InvalidPolicyException error(Node node, String path, String value, String problem, String allowed) {
        return new InvalidPolicyException(path, value, problem, allowed).locatedAt("", file, line(node));
    }

    private static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        return isNull(node) ? "empty" : InvalidPolicyException.quote(((ScalarNode) node).getValue());
    }
}
