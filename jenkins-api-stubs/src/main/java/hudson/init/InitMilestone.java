package hudson.init;

/** Stub of {@code hudson.init.InitMilestone}: the start-up milestones, in order. */
public enum InitMilestone {
    STARTED,
    PLUGINS_LISTED,
    PLUGINS_PREPARED,
    PLUGINS_STARTED,
    EXTENSIONS_AUGMENTED,
    SYSTEM_CONFIG_LOADED,
    SYSTEM_CONFIG_ADAPTED,
    JOB_LOADED,
    JOB_CONFIG_ADAPTED,
    COMPLETED
}
