package io.releaseledger.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/** JSON that a command, the console or a webhook wrote, as plain maps for assertions. */
final class JsonMaps {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonMaps() {}

    static Map<String, Object> read(String json) throws IOException {
        return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
    }
}
