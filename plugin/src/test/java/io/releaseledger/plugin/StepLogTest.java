package io.releaseledger.plugin;

import static org.junit.Assert.assertEquals;

import io.releaseledger.secrets.SecretMask;
import java.util.List;
import org.junit.Test;

public class StepLogTest {
    @Test
    public void aLineIsPrefixedAndMaskedInTheBuildLog() {
        FakeStepContext context = new FakeStepContext((env, log, invocation) -> { });
        StepLog.println(context, SecretMask.ofValues(List.of("hunter2-token")), "probe said 401 for hunter2-token");
        StepLog.println(context, SecretMask.none(), "release 4 is APPROVED");
        assertEquals("Release Ledger: probe said 401 for ****" + System.lineSeparator()
                + "Release Ledger: release 4 is APPROVED" + System.lineSeparator(), context.log());
    }
}
