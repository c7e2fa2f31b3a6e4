package io.releaseledger.notify;

import io.releaseledger.json.CanonicalJson;
import io.releaseledger.secrets.SecretMask;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON body of a webhook delivery. Field names are a published contract: add, never rename. */
final class WebhookPayload {

    private WebhookPayload() {}

    static String json(Notification n) {
        return json(n, SecretMask.none());
    }

    /** The body, with {@code mask} applied to each text before it is written, so the JSON stays valid. */
    static String json(Notification n, SecretMask mask) {
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("id", n.releaseId());
        release.put("artifact", mask.mask(n.artifact()));
        release.put("version", mask.mask(n.version()));
        release.put("digest", n.digest());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", n.kind().event());
        body.put("environment", mask.mask(n.environment()));
        body.put("release", release);
        body.put("message", mask.mask(n.message()));
        body.put("link", n.link().map(link -> mask.mask(link.toString())).orElse(null));
        body.put("time", n.time().toString());
        // Slack, Mattermost and Teams incoming webhooks show "text" as is, so they need no adapter.
        body.put("text", mask.mask(n.summary() + n.link().map(link -> " " + link).orElse("")));
        return CanonicalJson.object(body);
    }
}
