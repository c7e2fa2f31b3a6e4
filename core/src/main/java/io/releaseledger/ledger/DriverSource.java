package io.releaseledger.ledger;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections of the ledger's pool, made by a driver that core instantiated from its own class loader.
 *
 * <p>Why not a JDBC URL handed to HikariCP: HikariCP then asks {@link java.sql.DriverManager}, which finds drivers
 * through the context class loader of the thread that asks first and hands out only drivers that the caller's class
 * loader can see. In Jenkins the ledger opens on threads whose context class loader is core's, and the drivers live
 * in the plugin's class loader alone: "No suitable driver". A driver object of core's own class has neither problem.
 */
final class DriverSource implements DataSource {
    private final Driver driver;
    private final String url;
    /** PostgreSQL's name for the login timeout, in seconds; H2 refuses settings it does not know. */
    private final String loginTimeoutProperty;
    private volatile int loginTimeoutSeconds;
    private volatile PrintWriter logWriter;

    private DriverSource(Driver driver, String url, String loginTimeoutProperty) {
        this.driver = driver;
        this.url = url;
        this.loginTimeoutProperty = loginTimeoutProperty;
    }

    /** The driver of the store that {@code config} names (its URL is checked to be H2's or PostgreSQL's). */
    static DriverSource of(LedgerConfig config) {
        return config.isPostgres()
                ? new DriverSource(new org.postgresql.Driver(), config.jdbcUrl(), "loginTimeout")
                : new DriverSource(new org.h2.Driver(), config.jdbcUrl(), null);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(null, null);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) properties.setProperty("user", user);
        if (password != null) properties.setProperty("password", password);
        if (loginTimeoutProperty != null && loginTimeoutSeconds > 0) {
            properties.setProperty(loginTimeoutProperty, Integer.toString(loginTimeoutSeconds));
        }
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            // connect() answers null for a URL that is not its own; LedgerConfig lets no such URL through.
            throw new SQLException("the " + driver.getClass().getName() + " driver does not take " + url, "08001");
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** HikariCP sets it from the pool's connection timeout; PostgreSQL's driver stops connecting after it. */
    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) return type.cast(this);
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "DriverSource[" + driver.getClass().getName() + "]";
    }
}
