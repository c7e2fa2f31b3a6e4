package hudson.model;

/** Stub of {@code hudson.model.Cause}: why a build started. */
public abstract class Cause {
    /** Stub of {@code hudson.model.Cause.UserIdCause}: a user started the build. */
    public static class UserIdCause extends Cause {
        public UserIdCause(String userId) {
            throw new UnsupportedOperationException("stub");
        }

        public String getUserId() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
