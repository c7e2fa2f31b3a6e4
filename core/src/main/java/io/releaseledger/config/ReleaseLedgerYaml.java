package io.releaseledger.config;

import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.InvalidPolicyException;
import io.releaseledger.environment.PolicyYaml;
import io.releaseledger.environment.YamlTree;
import io.releaseledger.notify.Notification;
import io.releaseledger.notify.WebhookNotifier;
import io.releaseledger.notify.WebhookTarget;
import io.releaseledger.secrets.SecretReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads {@code release-ledger.yaml}, the command-line tool's configuration (format: {@code docs/environment-policy.md}):
 * {@code version}, {@code ledger}, {@code environments} (read by the environment package's {@link PolicyYaml}) and
 * {@code notifications}. Every error names the file, the line, the field path, the value and what is allowed.
 */
public final class ReleaseLedgerYaml {
    private static final Set<String> TOP_KEYS = Set.of("version", "ledger", "environments", "notifications");
    private static final Set<String> LEDGER_KEYS = Set.of("url", "user", "passwordEnv", "passwordFile");
    private static final Set<String> NOTIFICATIONS_KEYS = Set.of("webhooks");
    private static final Set<String> WEBHOOK_KEYS = Set.of("url", "header", "events");
    private static final Set<String> HEADER_KEYS = Set.of("name", "value");
    private static final String EVENTS = String.join(", ",
            Arrays.stream(Notification.Kind.values()).map(Notification.Kind::event).toList());

    private final YamlTree tree;

    private ReleaseLedgerYaml(YamlTree tree) {
        this.tree = tree;
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
        return new ReleaseLedgerYaml(YamlTree.compose(yaml, fileName)).read();
    }

    private ReleaseLedgerFile read() {
        Map<String, NodeTuple> top = tree.mapping(tree.root(), "", TOP_KEYS);
        if (top.containsKey("version")) {
            Node version = top.get("version").getValueNode();
            String text = tree.scalar(version, "version", "1");
            if (!"1".equals(text)) throw tree.error(version, "version", text, "1");
        }
        Optional<LedgerSettings> ledger = top.containsKey("ledger")
                ? Optional.of(ledger(top.get("ledger").getValueNode())) : Optional.empty();
        EnvironmentConfig environments = PolicyYaml.environments(tree,
                top.containsKey("environments") ? top.get("environments").getValueNode() : null);
        List<WebhookTarget> webhooks = top.containsKey("notifications")
                ? webhooks(top.get("notifications").getValueNode()) : List.of();
        return new ReleaseLedgerFile(ledger, environments, webhooks);
    }

    // --- notifications: every value here may be a secret pasted in by mistake, so none is echoed ---

    private List<WebhookTarget> webhooks(Node node) {
        Map<String, NodeTuple> keys = tree.optionalMapping(tree.hiddenIfScalar(node, "notifications", "a mapping with the key webhooks"),
                "notifications", NOTIFICATIONS_KEYS);
        List<WebhookTarget> webhooks = new ArrayList<>();
        if (keys.containsKey("webhooks")) {
            String path = "notifications.webhooks";
            Node list = keys.get("webhooks").getValueNode();
            List<Node> items = tree.sequence(tree.hiddenIfScalar(list, path, "a list of webhooks, each with url: and optionally header: and events:"), path);
            for (int i = 0; i < items.size(); i++) webhooks.add(webhook(items.get(i), path + "[" + i + "]"));
        }
        return webhooks;
    }

    private WebhookTarget webhook(Node node, String path) {
        Map<String, NodeTuple> keys = tree.mapping(tree.hiddenIfScalar(node, path, "a mapping with the keys events, header, url"),
                path, WEBHOOK_KEYS);
        String url = secretReference(node, keys, path, "url",
                "a webhook URL carries its token, so it is kept in a variable or a file and only named here");
        Optional<WebhookTarget.Header> header = keys.containsKey("header")
                ? Optional.of(header(keys.get("header").getValueNode(), path + ".header")) : Optional.empty();
        Set<Notification.Kind> events = EnumSet.noneOf(Notification.Kind.class);
        for (YamlTree.Item item : tree.items(keys, path, "events")) {
            String text = tree.scalar(item.node(), item.path(), "one of " + EVENTS);
            events.add(Notification.Kind.ofEvent(text)
                    .orElseThrow(() -> tree.error(item.node(), item.path(), text, "one of " + EVENTS)));
        }
        if (keys.containsKey("events") && events.isEmpty()) {
            throw tree.error(keys.get("events").getValueNode(), path + ".events", null, "is empty",
                    "one or more of " + EVENTS + "; leave events out to send all of them");
        }
        Set<Notification.Kind> wanted = keys.containsKey("events") ? events : EnumSet.allOf(Notification.Kind.class);
        return new WebhookTarget(url, header, wanted);
    }

    private WebhookTarget.Header header(Node node, String path) {
        Map<String, NodeTuple> keys = tree.mapping(tree.hiddenIfScalar(node, path, "a mapping with the keys name, value"),
                path, HEADER_KEYS);
        NodeTuple nameTuple = keys.get("name");
        String name = nameTuple == null ? null : tree.scalar(nameTuple.getValueNode(), path + ".name", WebhookNotifier.HEADER_NAME_ALLOWED);
        if (name == null) throw tree.error(nameTuple == null ? node : nameTuple.getValueNode(), path + ".name", null,
                WebhookNotifier.HEADER_NAME_ALLOWED);
        Optional<String> problem = WebhookNotifier.headerNameProblem(name);
        if (problem.isPresent()) {
            // Not echoed: a bad name may be a whole "Authorization: Bearer …" line pasted in.
            throw tree.error(nameTuple.getValueNode(), path + ".name", "(hidden)", problem.get(), WebhookNotifier.HEADER_NAME_ALLOWED);
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
        if (tuple == null) throw tree.error(parent, field, null, allowed);
        Node value = tuple.getValueNode();
        String text = tree.scalar(value, field, allowed);
        if (text == null) throw tree.error(value, field, null, allowed);
        Optional<String> problem = SecretReference.problem(text);
        if (problem.isPresent()) throw tree.error(value, field, "(hidden)", problem.get(), allowed);
        return text;
    }

    private LedgerSettings ledger(Node node) {
        Map<String, NodeTuple> keys = tree.mapping(node, "ledger", LEDGER_KEYS);
        String url = tree.text(keys, "ledger", "url", "a JDBC URL");
        String user = tree.text(keys, "ledger", "user", "a database user name");
        String passwordEnv = tree.text(keys, "ledger", "passwordEnv", "an environment variable name");
        String passwordFile = tree.text(keys, "ledger", "passwordFile", "a file path");
        return tree.build("ledger", () -> new LedgerSettings(url, user, passwordEnv, passwordFile == null ? null : Path.of(passwordFile)));
    }
}
