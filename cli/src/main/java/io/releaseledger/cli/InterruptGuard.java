package io.releaseledger.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a deploy: the JVM's shutdown hook interrupts the thread running the engine, which
 * records the release ABORTED and gives the environment's lease back, and waits (bounded) for that
 * before the JVM exits. Without it the release would hang in flight until its lease expired.
 */
final class InterruptGuard {
    private InterruptGuard() {}

    static final long GRACE_SECONDS = 20;

    static <T> T run(Callable<T> work) throws Exception {
        Thread worker = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            worker.interrupt();
            try {
                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "release-ledger-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.call();
        } catch (InterruptedException e) {
            throw new InterruptedException("interrupted: the release was recorded ABORTED and the lease given back");
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is waiting for the latch just released
            }
        }
    }
}
