package io.releaseledger.plugin;

import hudson.util.FormValidation;
import io.releaseledger.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Form validation as a thin shell over core: core's checks decide, their one-line message becomes the
 * form's error. Internal to the plugin.
 */
final class Validation {
    private Validation() {}

    /** Every {@code doCheck…} calls this first: validation reveals configuration, so it is not for everyone. */
    static void checkConfigurePermission() {
        Jenkins.get().checkPermission(ReleaseLedgerPermissions.CONFIGURE);
    }

    /** Runs one of core's checks; its refusal becomes the error shown under the field. */
    static FormValidation of(Runnable check) {
        try {
            check.run();
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** Entries typed one per line or separated by commas; blanks are dropped, each entry trimmed. */
    static List<String> split(String text) {
        List<String> entries = new ArrayList<>();
        if (text == null) return entries;
        for (String entry : text.split("[,\\r\\n]")) {
            String trimmed = entry.strip();
            if (!trimmed.isEmpty()) entries.add(trimmed);
        }
        return entries;
    }

    /** {@code null} for a blank text, so an empty form field and an absent CasC key mean the same. */
    static String trimToNull(String text) {
        if (text == null) return null;
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
