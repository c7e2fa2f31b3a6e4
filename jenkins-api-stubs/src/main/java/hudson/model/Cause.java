package hudson.model;

/** Stub of {@code hudson.model.Cause}: why a build started. */
public abstract class Cause {
    /** One line, e.g. "Started by user alice": shown with the build and printed at the top of its log. */
    public abstract String getShortDescription();

    public void print(TaskListener listener) {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of {@code hudson.model.Cause.UserIdCause}: a user started the build. Keeps the id for unit tests. */
    public static class UserIdCause extends Cause {
        private final String userId;

        public UserIdCause(String userId) {
            this.userId = userId;
        }

        public String getUserId() {
            return userId;
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public void print(TaskListener listener) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
