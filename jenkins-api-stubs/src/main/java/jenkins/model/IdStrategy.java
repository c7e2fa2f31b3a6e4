package jenkins.model;

import java.util.Comparator;

/**
 * Stub of {@code jenkins.model.IdStrategy}: how the security realm compares user ids and group names. The
 * two concrete methods behave as the real ones do ({@code equals} is {@code compare == 0}, {@code keyFor} is
 * the id), so a unit test can give its own {@code compare}.
 */
public abstract class IdStrategy implements Comparator<String> {
    public String keyFor(String id) {
        return id;
    }

    public boolean equals(String id1, String id2) {
        return compare(id1, id2) == 0;
    }

    @Override
    public abstract int compare(String id1, String id2);
}
