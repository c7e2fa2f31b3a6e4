package io.releaseledger.environment;

import java.util.Set;

/**
 * Someone allowed to approve releases into an environment: a user by id, or every member of a group.
 * Written in configuration as {@code alice} or {@code group:release-managers}.
 */
public sealed interface Approver permits Approver.User, Approver.Group {
    /** The prefix that marks a group entry. */
    String GROUP_PREFIX = "group:";

    /** What {@link #parse} accepts, for error messages. */
    String ALLOWED = "a user id such as alice, or group:NAME such as group:release-managers";

    /**
     * Reads an approver entry.
     *
     * @param field the field path to name in the error
     * @throws InvalidPolicyException for a blank entry, an empty group name, or surrounding spaces
     */
    static Approver parse(String field, String entry) {
        if (entry == null || entry.isBlank() || !entry.strip().equals(entry)) {
            throw new InvalidPolicyException(field, entry, ALLOWED);
        }
        if (entry.startsWith(GROUP_PREFIX)) return new Group(entry.substring(GROUP_PREFIX.length()));
        return new User(entry);
    }

    /** Whether the user {@code userId}, member of {@code groups}, is this approver. */
    boolean admits(String userId, Set<String> groups, UserIdMatching matching);

    /** The configuration spelling: {@code alice} or {@code group:release-managers}. */
    String spelling();

    /** A single user, by Jenkins user id. */
    record User(String id) implements Approver {
        public User {
            if (id == null || id.isBlank() || !id.strip().equals(id) || id.startsWith(GROUP_PREFIX)) {
                throw new InvalidPolicyException("approvers", id, ALLOWED);
            }
        }

        @Override
        public boolean admits(String userId, Set<String> groups, UserIdMatching matching) {
            return matching.same(id, userId);
        }

        @Override
        public String spelling() {
            return id;
        }

        @Override
        public String toString() {
            return spelling();
        }
    }

    /** Every member of a group, as the security realm reports membership. */
    record Group(String name) implements Approver {
        public Group {
            if (name == null || name.isBlank() || !name.strip().equals(name)) {
                throw new InvalidPolicyException("approvers", GROUP_PREFIX + name, ALLOWED);
            }
        }

        @Override
        public boolean admits(String userId, Set<String> groups, UserIdMatching matching) {
            for (String group : groups) {
                if (matching.same(name, group)) return true;
            }
            return false;
        }

        @Override
        public String spelling() {
            return GROUP_PREFIX + name;
        }

        @Override
        public String toString() {
            return spelling();
        }
    }
}
