package io.releaseledger.secrets;

import java.util.Arrays;

/**
 * The byte patterns of a mask, as a trie, answering "which is the longest pattern starting here?".
 * Immutable once built; shared by every stream of a mask.
 */
final class PatternTrie {

    /** The answer when the bytes available do not settle the question: a longer pattern may still match. */
    static final int UNDECIDED = -1;

    // The root is consulted for every byte of output, so it is a direct table; deeper nodes are few.
    private final Node[] root = new Node[256];
    private int patternCount;
    private int longestPattern;

    void add(byte[] pattern) {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("empty pattern");
        }
        int first = pattern[0] & 0xff;
        Node node = root[first];
        if (node == null) {
            node = root[first] = new Node();
        }
        for (int i = 1; i < pattern.length; i++) {
            node = node.childOrAdd(pattern[i]);
        }
        if (!node.terminal) {
            node.terminal = true;
            patternCount++;
            longestPattern = Math.max(longestPattern, pattern.length);
        }
    }

    int patternCount() {
        return patternCount;
    }

    int longestPattern() {
        return longestPattern;
    }

    /**
     * The length of the longest pattern that starts at {@code buf[from]} and ends before {@code limit},
     * 0 when none does, or {@link #UNDECIDED} when a longer pattern could still match bytes not yet seen
     * (never returned at the end of input).
     */
    int longestMatchAt(byte[] buf, int from, int limit, boolean endOfInput) {
        Node node = root[buf[from] & 0xff];
        if (node == null) {
            return 0;
        }
        int best = node.terminal ? 1 : 0;
        int i = from + 1;
        while (node.children.length > 0) {
            if (i == limit) {
                return endOfInput ? best : UNDECIDED;
            }
            node = node.child(buf[i++]);
            if (node == null) {
                return best;
            }
            if (node.terminal) {
                best = i - from;
            }
        }
        return best;
    }

    private static final class Node {
        private static final Node[] NONE = new Node[0];

        // Sorted by label; nodes below the root rarely have more than a handful of children.
        private byte[] labels = new byte[0];
        private Node[] children = NONE;
        private boolean terminal;

        Node child(byte label) {
            int at = Arrays.binarySearch(labels, label);
            return at >= 0 ? children[at] : null;
        }

        Node childOrAdd(byte label) {
            int at = Arrays.binarySearch(labels, label);
            if (at >= 0) {
                return children[at];
            }
            int insert = -at - 1;
            byte[] newLabels = new byte[labels.length + 1];
            Node[] newChildren = new Node[children.length + 1];
            System.arraycopy(labels, 0, newLabels, 0, insert);
            System.arraycopy(children, 0, newChildren, 0, insert);
            newLabels[insert] = label;
            Node added = newChildren[insert] = new Node();
            System.arraycopy(labels, insert, newLabels, insert + 1, labels.length - insert);
            System.arraycopy(children, insert, newChildren, insert + 1, children.length - insert);
            labels = newLabels;
            children = newChildren;
            return added;
        }
    }
}
