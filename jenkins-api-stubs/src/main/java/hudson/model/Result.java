package hudson.model;

import java.io.Serializable;

/**
 * Stub of {@code hudson.model.Result}: the five constants with their names and ordinals, and, as in Jenkins, a
 * deserialized result resolves to the constant of its ordinal (a {@code FlowInterruptedException} read back from
 * {@code program.dat} still carries {@link #ABORTED} itself).
 */
public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Result SUCCESS = new Result("SUCCESS", 0, true);
    public static final Result UNSTABLE = new Result("UNSTABLE", 1, true);
    public static final Result FAILURE = new Result("FAILURE", 2, true);
    public static final Result NOT_BUILT = new Result("NOT_BUILT", 3, false);
    public static final Result ABORTED = new Result("ABORTED", 4, false);

    private static final Result[] ALL = {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED};

    private final String name;
    public final int ordinal;
    public final boolean completeBuild;

    private Result(String name, int ordinal, boolean complete) {
        this.name = name;
        this.ordinal = ordinal;
        this.completeBuild = complete;
    }

    public boolean isWorseThan(Result that) {
        return ordinal > that.ordinal;
    }

    @Override
    public String toString() {
        return name;
    }

    private Object readResolve() {
        for (Result r : ALL) {
            if (r.ordinal == ordinal) return r;
        }
        return FAILURE;
    }
}
