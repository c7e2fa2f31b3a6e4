package io.releaseledger.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A {@code release-ledger.yaml} as a YAML node tree, and typed access to it in which every refusal is an
 * {@link InvalidPolicyException} naming the file, the line, the field path (e.g.
 * {@code environments.production.approval.required}), the value and what is allowed. Each section of the file is
 * read by the package that owns it ({@link PolicyYaml} the environments) over one tree.
 *
 * <p>Unknown keys are errors: a misspelt {@code aproval:} silently ignored would leave production without an
 * approval gate.
 */
public final class YamlTree {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");

    private final String file;
    private final Node root;

    private YamlTree(String file, Node root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Composes {@code yaml}'s node tree; {@code file} is named in errors.
     *
     * @throws InvalidPolicyException when the text is not YAML or holds nothing
     */
    public static YamlTree compose(String yaml, String file) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setUseMarks(true)
                .setMaxAliasesForCollections(50).setCodePointLimit(1 << 20).build();
        Node root;
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
        return new YamlTree(file, root);
    }

    /** The document's top node. */
    public Node root() {
        return root;
    }

    // --- node access: every failure names file, line and path ---

    /** As {@link #mapping}, with an empty value ({@code key:}) as an empty mapping. */
    public Map<String, NodeTuple> optionalMapping(Node node, String path, Set<String> allowedKeys) {
        return isNull(node) ? Map.of() : mapping(node, path, allowedKeys);
    }

    /** The mapping's entries by key; {@code allowedKeys == null} means any key (names chosen by the user). */
    public Map<String, NodeTuple> mapping(Node node, String path, Set<String> allowedKeys) {
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

    /** A list's entries; an empty value as none. */
    public List<Node> sequence(Node node, String path) {
        if (node instanceof SequenceNode seq) return seq.getValue();
        if (isNull(node)) return List.of();
        throw error(node, path, describe(node), "is " + describe(node) + ", not a list", "a list (one entry per line starting with -)");
    }

    /** A scalar's text; {@code null} for an empty value ({@code key:}, {@code ~}, {@code null}). */
    public String scalar(Node node, String path, String allowed) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, path, describe(node), "is " + describe(node) + ", not a single value", allowed);
        }
        return isNull(node) ? null : scalar.getValue();
    }

    /** The text of {@code key}'s value, {@code null} when the key is absent or its value empty. */
    public String text(Map<String, NodeTuple> keys, String path, String key, String allowed) {
        NodeTuple tuple = keys.get(key);
        return tuple == null ? null : scalar(tuple.getValueNode(), path + "." + key, allowed);
    }

    /** A list value's entries with their paths; a single value stands for a list of one, an empty value for none. */
    public List<Item> items(Map<String, NodeTuple> keys, String path, String key) {
        NodeTuple tuple = keys.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) return List.of();
        Node node = tuple.getValueNode();
        if (!(node instanceof SequenceNode seq)) return List.of(new Item(node, path + "." + key));
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) out.add(new Item(seq.getValue().get(i), path + "." + key + "[" + i + "]"));
        return out;
    }

    /** A list entry and its field path, e.g. {@code environments.production.requires[1]}. */
    public record Item(Node node, String path) {}

    /** The texts of a list value (see {@link #items}); an empty entry is refused. */
    List<String> strings(Map<String, NodeTuple> keys, String path, String key, String allowed) {
        List<String> out = new ArrayList<>();
        for (Item item : items(keys, path, key)) {
            String text = scalar(item.node(), item.path(), allowed);
            if (text == null) throw error(item.node(), item.path(), null, allowed);
            out.add(text);
        }
        return out;
    }

    /** {@code text}, the value of {@code node}, as a whole number of at most nine digits. */
    int integer(Node node, String path, String text) {
        if (!INTEGER.matcher(text).matches()) throw error(node, path, text, "a whole number");
        return Integer.parseInt(text);
    }

    /** {@code key}'s value as {@code true} or {@code false}; {@code defaultValue} when absent or empty. */
    boolean bool(Map<String, NodeTuple> keys, String path, String key, boolean defaultValue) {
        String text = text(keys, path, key, "true or false");
        if (text == null) return defaultValue;
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(keys.get(key).getValueNode(), path + "." + key, text,
                    "true or false (default " + defaultValue + ")");
        };
    }

    /** {@code node}, unless it is a plain value where a mapping or list belongs: then an error that does not repeat it. */
    public Node hiddenIfScalar(Node node, String path, String expected) {
        if (node instanceof ScalarNode && !isNull(node)) {
            throw error(node, path, "(hidden)", "is a single value (not repeated here: it may be a secret)", expected);
        }
        return node;
    }

    // --- locating errors ---

    /** Runs a parser that names the full field path, adding file and the node's line. */
    <T> T at(Node node, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidPolicyException e) {
            if (e.file().isPresent()) throw e;
            throw e.locatedAt("", file, line(node));
        }
    }

    /** Runs a constructor that names a field relative to it; the error is reported at {@code fullPath}. */
    <T> T at(Node node, String fullPath, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidPolicyException e) {
            if (e.file().isPresent()) throw e;
            throw new InvalidPolicyException(fullPath, e.value(), e.problem(), e.allowed()).locatedAt("", file, line(node));
        }
    }

    /** Runs a record constructor whose errors name fields relative to {@code path}; finds their line in the tree. */
    public <T> T build(String path, Supplier<T> construct) {
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

    /** The refusal of {@code value} at {@code path}, located at {@code node}'s line. */
    public InvalidPolicyException error(Node node, String path, String value, String allowed) {
        return new InvalidPolicyException(path, value, allowed).locatedAt("", file, line(node));
    }

    /** As {@link #error(Node, String, String, String)}, saying what is wrong in {@code problem}. */
    public InvalidPolicyException error(Node node, String path, String value, String problem, String allowed) {
        return new InvalidPolicyException(path, value, problem, allowed).locatedAt("", file, line(node));
    }

    private static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** Whether {@code node} is an empty value: {@code key:}, {@code ~} or {@code null}. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        return isNull(node) ? "empty" : InvalidPolicyException.quote(((ScalarNode) node).getValue());
    }
}
