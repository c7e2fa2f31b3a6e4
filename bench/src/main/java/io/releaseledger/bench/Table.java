package io.releaseledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a Markdown table, ready to paste into docs/performance.md. */
final class Table {
    private record Row(String figure, String ours, String reference, String ratio, String target, String verdict) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** {@code pass} is {@code null} for a figure that is reported, with no target. */
    void row(String figure, String ours, String reference, double ratio, String target, Boolean pass) {
        rows.add(new Row(figure, ours, reference.isEmpty() ? "—" : reference,
                Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.2f", ratio), target,
                pass == null ? "—" : pass ? "pass" : "FAIL"));
    }

    void note(String note) {
        notes.add(note);
    }

    String markdown() {
        StringBuilder s = new StringBuilder("| figure | ours | reference | ratio | target | pass/fail |\n");
        s.append("| --- | ---: | ---: | ---: | --- | --- |\n");
        for (Row r : rows) {
            s.append("| ").append(String.join(" | ", r.figure(), r.ours(), r.reference(), r.ratio(), r.target(),
                    r.verdict())).append(" |\n");
        }
        for (String n : notes) {
            s.append('\n').append(n).append('\n');
        }
        return s.toString();
    }
}
