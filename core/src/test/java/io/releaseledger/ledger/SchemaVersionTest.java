package io.releaseledger.ledger;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.Test;

/** The schema version a store is opened without Flyway at is the newest migration script. */
public class SchemaVersionTest {

    @Test
    public void theKnownSchemaVersionIsTheNewestMigration() throws Exception {
        Path dir = Path.of(Database.class.getResource("migration").toURI());
        try (Stream<Path> scripts = Files.list(dir)) {
            int newest = scripts.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max(Comparator.naturalOrder()).orElseThrow();
            assertEquals("Database.SCHEMA_VERSION must name the newest migration", Integer.toString(newest),
                    Database.SCHEMA_VERSION);
        }
    }
}
