package io.releaseledger.notify;

import io.releaseledger.json.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON body of a webhook delivery. Field names are a published contract: add, never rename. */
final class WebhookPayload {

    private WebhookPayload() {}

    static String json(Notification n) {
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("id", n.releaseId());
        release.put("artifact", n.artifact());
        release.put("version", n.version());
        release.put("digest", n.digest());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", n.kind().event());
        body.put("environment", n.environment());
        body.put("release", release);
        body.put("message", n.message());
        body.put("link", n.link().map(URI::toString).orElse(null));
        body.put("time", n.time().toString());
        // Slack, Mattermost and Teams incoming webhooks show "text" as is, so they need no adapter.
        body.put("text", n.summary() + n.link().map(link -> " " + link).orElse(""));
        return Json.object(body);
    }
}
