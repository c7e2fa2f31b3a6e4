package hudson.console;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * Stub of {@code hudson.console.ConsoleNote}: a note hidden in a log line, encoded as Jenkins encodes one outside the
 * controller's JVM (where it cannot sign): {@link #PREAMBLE_STR}, then Base64 of the length and the gzipped Java
 * serialization of the note, then {@link #POSTAMBLE_STR}. On the controller Jenkins also signs it (a MAC before the
 * length), which a log page checks before it renders the note.
 */
public abstract class ConsoleNote implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String PREAMBLE_STR = "\u001B[8mha:";
    public static final String POSTAMBLE_STR = "\u001B[0m";
    public static final byte[] PREAMBLE = PREAMBLE_STR.getBytes(StandardCharsets.UTF_8);
    public static final byte[] POSTAMBLE = POSTAMBLE_STR.getBytes(StandardCharsets.UTF_8);

    public String encode() throws IOException {
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(serialized))) {
            out.writeObject(this);
        }
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(framed)) {
            data.writeInt(serialized.size());
            serialized.writeTo(data);
        }
        return PREAMBLE_STR + Base64.getEncoder().encodeToString(framed.toByteArray()) + POSTAMBLE_STR;
    }

    public void encodeTo(OutputStream out) throws IOException {
        out.write(encode().getBytes(StandardCharsets.UTF_8));
    }

    /** The line as a person reads it: every note taken out. */
    public static String removeNotes(String line) {
        while (true) {
            int start = line.indexOf(PREAMBLE_STR);
            if (start < 0) return line;
            int end = line.indexOf(POSTAMBLE_STR, start);
            if (end < 0) return line;
            line = line.substring(0, start) + line.substring(end + POSTAMBLE_STR.length());
        }
    }
}
