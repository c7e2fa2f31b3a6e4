package io.releaseledger.ledger;

import io.releaseledger.Inputs;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.environment.UnknownEnvironmentException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The environments the ledger knows, and their degraded flag. */
final class Environments {
    private Environments() {}

    static String validName(String name) {
        return Inputs.name("environment", name, 64, EnvironmentPolicy.NAME,
                "use ASCII letters, digits and . _ - (starting with a letter or digit; no accents), at most 64,"
                        + " e.g. production");
    }

    /** Defines the environment, or moves it to a new position; a no-op when nothing changes. */
    static boolean define(WriteTx tx, String name, int position, Actor actor) throws SQLException {
        validName(name);
        try (PreparedStatement q = tx.connection.prepareStatement(
                "SELECT position FROM environments WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    if (rs.getInt(1) == position) {
                        return false;
                    }
                    try (PreparedStatement u = tx.connection.prepareStatement(
                            "UPDATE environments SET position = ? WHERE name = ?")) {
                        u.setInt(1, position);
                        u.setString(2, name);
                        u.executeUpdate();
                    }
                    tx.append(EventType.ENVIRONMENT_DEFINED, actor, name, null, Map.of("position", position));
                    return true;
                }
            }
        }
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO environments (name, position, degraded, defined_at) VALUES (?, ?, FALSE, ?)");
             PreparedStatement lease = tx.connection.prepareStatement(
                     "INSERT INTO environment_leases (environment) VALUES (?)")) {
            insert.setString(1, name);
            insert.setInt(2, position);
            insert.setLong(3, tx.now.toEpochMilli());
            insert.executeUpdate();
            lease.setString(1, name);
            lease.executeUpdate();
        }
        tx.append(EventType.ENVIRONMENT_DEFINED, actor, name, null, Map.of("position", position));
        return true;
    }

    /** Throws {@link UnknownEnvironmentException} naming the defined ones when {@code name} is not one. */
    static void requireKnown(Connection c, String name) throws SQLException {
        validName(name);
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM environments WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        throw unknown(c, name);
    }

    /** The error for an environment the ledger does not have, naming those it has. */
    static UnknownEnvironmentException unknown(Connection c, String name) throws SQLException {
        return new UnknownEnvironmentException(name, names(c));
    }

    static List<String> names(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT name FROM environments ORDER BY position, name");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static void setDegraded(WriteTx tx, String name, String reason) throws SQLException {
        if (reason == null) {
            // Every release going LIVE clears the flag; almost always there is none, and then no row is written.
            try (PreparedStatement u = tx.connection.prepareStatement("UPDATE environments SET degraded = FALSE,"
                    + " degraded_reason = NULL WHERE name = ? AND (degraded OR degraded_reason IS NOT NULL)")) {
                u.setString(1, name);
                u.executeUpdate();
            }
            return;
        }
        try (PreparedStatement u = tx.connection.prepareStatement(
                "UPDATE environments SET degraded = TRUE, degraded_reason = ? WHERE name = ?")) {
            u.setString(1, reason);
            u.setString(2, name);
            u.executeUpdate();
        }
    }
}
