package jenkins.util;

/**
 * Stub of {@code jenkins.util.JenkinsJVM}: whether this JVM is the controller's. The real flag is set by Jenkins when
 * it starts; in any other JVM (an agent, a unit test) it is {@code false}, which is what this stub answers.
 */
public class JenkinsJVM {
    protected JenkinsJVM() {
    }

    public static boolean isJenkinsJVM() {
        return false;
    }
}
