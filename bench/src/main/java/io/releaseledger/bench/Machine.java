package io.releaseledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers were measured on: they mean little without it. */
final class Machine {
    private Machine() {}

    static String describe() {
        String cpu = "unknown CPU";
        boolean shaNi = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && cpu.startsWith("unknown")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.startsWith("flags") && line.contains(" sha_ni")) {
                    shaNi = true;
                }
            }
        } catch (IOException e) {
            // not Linux: leave it unknown
        }
        return String.format("Machine: %d cores (%s, SHA-NI %s), Java %s (%s), load average at the start: %s.",
                Runtime.getRuntime().availableProcessors(), cpu, shaNi ? "yes" : "no",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), loadAverage());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
