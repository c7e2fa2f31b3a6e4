package io.releaseledger.plugin;

import hudson.security.Permission;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.ledger.Ledger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jenkins.model.IdStrategy;
import org.springframework.security.access.AccessDeniedException;

/** A {@link JenkinsSide} for unit tests: a user with some permissions, recording what was asked in order. */
final class FakeJenkins implements JenkinsSide {
    static final IdStrategy CASE_INSENSITIVE = new IdStrategy() {
        @Override
        public int compare(String a, String b) {
            return a.toLowerCase(Locale.ENGLISH).compareTo(b.toLowerCase(Locale.ENGLISH));
        }
    };
    static final IdStrategy CASE_SENSITIVE = new IdStrategy() {
        @Override
        public int compare(String a, String b) {
            return a.compareTo(b);
        }
    };

    final List<String> asked = new ArrayList<>();
    final Set<Permission> granted = new HashSet<>();
    final List<Object[]> scheduled = new ArrayList<>();
    String user = "bob";
    Set<String> groups = Set.of();
    IdStrategy userIds = CASE_INSENSITIVE;
    IdStrategy groupIds = CASE_INSENSITIVE;
    boolean jobExists = true;
    private final LedgerFixture fixture;

    FakeJenkins(LedgerFixture fixture, Permission... permissions) {
        this.fixture = fixture;
        granted.addAll(List.of(permissions));
    }

    @Override
    public void checkPermission(Permission permission) {
        asked.add("check " + permission.name);
        if (!granted.contains(permission)) {
            throw new AccessDeniedException(user + " is missing the " + permission.name + " permission");
        }
    }

    @Override
    public boolean hasPermission(Permission permission) {
        asked.add("has " + permission.name);
        return granted.contains(permission);
    }

    @Override
    public String userId() {
        return user;
    }

    @Override
    public Set<String> groups() {
        return groups;
    }

    @Override
    public IdStrategy userIdStrategy() {
        return userIds;
    }

    @Override
    public IdStrategy groupIdStrategy() {
        return groupIds;
    }

    @Override
    public String origin() {
        return "https://ci.example.com/";
    }

    @Override
    public Ledger ledger() {
        asked.add("ledger");
        return fixture.ledger;
    }

    @Override
    public EnvironmentConfig environments() {
        return fixture.environments;
    }

    @Override
    public boolean scheduleBuild(String jobFullName, RollbackRequestAction action) {
        asked.add("schedule " + jobFullName);
        if (!jobExists) return false;
        checkPermission(hudson.model.Item.BUILD);
        scheduled.add(new Object[] {jobFullName, action});
        return true;
    }
}
