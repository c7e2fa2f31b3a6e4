package io.releaseledger.web;

import io.releaseledger.artifact.Artifact;
import io.releaseledger.health.HealthSample;
import io.releaseledger.ledger.Approval;
import io.releaseledger.ledger.EnvironmentStatus;
import io.releaseledger.ledger.HistoryFilter;
import io.releaseledger.ledger.HistoryPage;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.ReleaseTimeline;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.notes.ReleaseNotes;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON documents of the API, built as ordered maps so the wire format is written down here, not inferred. */
final class ApiDocuments {
    /** In-flight releases listed per environment on the dashboard; the count is always complete. */
    static final int IN_FLIGHT_LISTED = 20;

    private final Ledger ledger;

    ApiDocuments(Ledger ledger) {
        this.ledger = ledger;
    }

    // --- dashboard -----------------------------------------------------------------------------

    Map<String, Object> dashboard() {
        List<EnvironmentStatus> statuses = ledger.dashboard();
        Map<String, Optional<Artifact>> artifacts = new HashMap<>();
        List<Object> environments = new ArrayList<>();
        EnvironmentStatus before = null;
        for (EnvironmentStatus s : statuses) {
            environments.add(environment(s, before, artifacts));
            before = s;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("environments", environments);
        return out;
    }

    private Map<String, Object> environment(EnvironmentStatus s, EnvironmentStatus previous,
                                            Map<String, Optional<Artifact>> artifacts) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", s.name());
        e.put("position", s.position());
        e.put("state", state(s));
        e.put("live", s.live() == null ? null : release(s.live()));
        e.put("health", s.live() == null ? null : health(s.live()));
        e.put("lastAttempt", lastAttempt(s));
        e.put("degraded", s.degraded());
        e.put("degradedReason", s.degradedReason());
        List<Object> pending = new ArrayList<>();
        List<Object> inFlight = new ArrayList<>();
        for (Release r : s.inFlight()) {
            if (r.state() == ReleaseState.AWAITING_APPROVAL && pending.size() < IN_FLIGHT_LISTED) {
                pending.add(release(r));
            }
            if (inFlight.size() < IN_FLIGHT_LISTED) {
                inFlight.add(release(r));
            }
        }
        e.put("pendingApprovalCount", s.pendingApprovals());
        e.put("pendingApprovals", pending);
        e.put("inFlightCount", s.inFlight().size());
        e.put("inFlight", inFlight);
        e.put("interrupted", s.interrupted().stream().limit(IN_FLIGHT_LISTED).map(ApiDocuments::release).toList());
        e.put("drift", previous == null ? null : drift(s, previous, artifacts));
        return e;
    }

    /** One word for the environment, most urgent first. */
    private static String state(EnvironmentStatus s) {
        if (s.degraded()) {
            return "DEGRADED";
        }
        if (s.inFlight().stream().anyMatch(r -> r.state() != ReleaseState.AWAITING_APPROVAL)) {
            return "CHANGING";
        }
        if (s.pendingApprovals() > 0) {
            return "AWAITING_APPROVAL";
        }
        return s.live() == null ? "EMPTY" : "LIVE";
    }

    /**
     * The newest settled release of the environment when it is not the live one: a failed, rejected or
     * stopped attempt since. In-flight releases are listed apart, so they are skipped here.
     */
    private Map<String, Object> lastAttempt(EnvironmentStatus s) {
        int look = Math.min(LedgerWeb.MAX_LIMIT, s.inFlight().size() + s.interrupted().size() + 1);
        for (Release r : ledger.history(s.name(), null, look).releases()) {
            if (!r.state().isInFlight()) {
                return s.live() != null && r.id() <= s.live().id() ? null : release(r);
            }
        }
        return null;
    }

    /** The live release's verification samples, counted: of the rollback phase if any (a manual rollback), else deploy. */
    private Map<String, Object> health(Release live) {
        List<HealthSample> samples = ledger.samples(live.id(), ReleaseMode.ROLLBACK);
        String phase = "ROLLBACK";
        if (samples.isEmpty()) {
            samples = ledger.samples(live.id(), ReleaseMode.DEPLOY);
            phase = "DEPLOY";
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("releaseId", live.id());
        h.put("phase", samples.isEmpty() ? null : phase);
        h.put("samples", samples.size());
        for (HealthSample.Outcome o : HealthSample.Outcome.values()) {
            h.put(o.name().toLowerCase(java.util.Locale.ROOT),
                    samples.stream().filter(x -> x.outcome() == o).count());
        }
        HealthSample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        h.put("lastOutcome", last == null ? null : last.outcome().name());
        h.put("lastReason", last == null ? null : last.reason());
        ApiJson.time(h, "lastSampleAt", last == null ? null : last.takenAt());
        return h;
    }

    /**
     * Whether this environment runs another digest than the one before it in promotion order, and,
     * for two versions of one artifact, which is newer by registration time (the order they were built in).
     */
    private Map<String, Object> drift(EnvironmentStatus here, EnvironmentStatus previous,
                                      Map<String, Optional<Artifact>> artifacts) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("comparedWith", previous.name());
        Release a = here.live();
        Release b = previous.live();
        d.put("previousLive", b == null ? null : release(b));
        boolean differs = a == null ? b != null : b == null || !a.digest().equals(b.digest());
        d.put("differs", differs);
        boolean sameArtifact = a == null || b == null || a.artifactName().equals(b.artifactName());
        d.put("sameArtifact", sameArtifact);
        String newer;
        if (!differs || !sameArtifact) {
            newer = null; // versions of different artifacts are not older or newer than each other
        } else if (a == null) {
            newer = "previous";
        } else if (b == null) {
            newer = "this";
        } else {
            Optional<Artifact> ours = artifact(a, artifacts);
            Optional<Artifact> theirs = artifact(b, artifacts);
            if (ours.isEmpty() || theirs.isEmpty()) {
                newer = "unknown";
            } else {
                int c = ours.get().registeredAt().compareTo(theirs.get().registeredAt());
                newer = c > 0 ? "this" : c < 0 ? "previous" : "unknown";
            }
        }
        d.put("newer", newer);
        return d;
    }

    private Optional<Artifact> artifact(Release r, Map<String, Optional<Artifact>> cache) {
        return cache.computeIfAbsent(r.artifactName() + "\u0000" + r.version(), k -> findArtifact(r));
    }

    /** The release's artifact; empty when the name is one the API would refuse (a store written by others). */
    private Optional<Artifact> findArtifact(Release r) {
        try {
            return ledger.artifact(r.artifactName(), r.version());
        } catch (io.releaseledger.InvalidInputException e) {
            return Optional.empty();
        }
    }

    // --- history -------------------------------------------------------------------------------

    Map<String, Object> history(String environment, HistoryFilter filter, Long before, int limit) {
        HistoryPage page = ledger.history(environment, filter, before, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("environment", environment);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("artifact", filter.artifact());
        f.put("state", filter.state() == null ? null : filter.state().name());
        out.put("filter", f);
        out.put("before", before);
        out.put("limit", limit);
        out.put("releases", page.releases().stream().map(ApiDocuments::release).toList());
        out.put("nextBefore", page.nextBefore());
        return out;
    }

    // --- release -------------------------------------------------------------------------------

    Map<String, Object> release(long id) {
        ReleaseTimeline t = ledger.timeline(id);
        Release r = t.release();
        Artifact artifact = findArtifact(r).orElse(null);
        Release previous = ledger.lastKnownGood(r.environment(), r.id()).orElse(null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("release", release(r));
        // What the release's state admits, whoever asks: hosts add their own permission checks.
        Map<String, Object> actions = new LinkedHashMap<>();
        actions.put("decide", r.awaitsApproval());
        actions.put("rollBackTo", r.canBeRolledBackTo());
        out.put("actions", actions);
        out.put("artifact", artifact == null ? null : artifact(artifact));
        out.put("rollbackTarget", r.rollbackTargetId() == null ? null : release(ledger.release(r.rollbackTargetId())));
        out.put("previousLive", previous == null ? null : release(previous));
        out.put("events", t.events().stream().map(ApiDocuments::event).toList());
        out.put("approvals", t.approvals().stream().map(ApiDocuments::approval).toList());
        out.put("samples", t.samples().stream().map(ApiDocuments::sample).toList());
        out.put("releaseNotes", ReleaseNotes.markdown(t, artifact, previous));
        return out;
    }

    // --- audit ---------------------------------------------------------------------------------

    Map<String, Object> audit(long since, int limit) {
        // One more than the page, to know whether there is a next one without a count.
        List<LedgerEvent> page = ledger.events(since, limit + 1);
        boolean more = page.size() > limit;
        List<Object> events = page.stream().limit(limit).map(ApiDocuments::event).map(e -> (Object) e).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", since);
        out.put("limit", limit);
        out.put("events", events);
        out.put("nextSince", more ? page.get(limit - 1).seq() : null);
        return out;
    }

    Map<String, Object> verify() {
        return VerificationJson.of(ledger.verify());
    }

    // --- shapes --------------------------------------------------------------------------------

    static Map<String, Object> release(Release r) {
        return ReleaseJson.of(r);
    }

    static Map<String, Object> artifact(Artifact a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("version", a.version());
        m.put("digest", a.digest().value());
        m.put("kind", a.kind().name());
        m.put("location", a.location());
        m.put("sourceJob", a.source() == null ? null : a.source().job());
        m.put("sourceBuild", a.source() == null ? null : a.source().build());
        m.put("sourceRevision", a.source() == null ? null : a.source().revision());
        m.put("registeredBy", a.registeredBy());
        ApiJson.time(m, "registeredAt", a.registeredAt());
        return m;
    }

    static Map<String, Object> event(LedgerEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("type", e.type().name());
        ApiJson.time(m, "at", e.occurredAt());
        m.put("actor", e.actor());
        m.put("origin", e.origin());
        m.put("environment", e.environment());
        m.put("releaseId", e.releaseId());
        m.put("details", ApiJson.tree(e.payload()));
        m.put("hash", e.hash());
        m.put("previousHash", e.previousHash());
        return m;
    }

    static Map<String, Object> approval(Approval a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("approver", a.approver());
        m.put("decision", a.decision().name());
        m.put("groups", a.groups().stream().sorted().toList());
        m.put("comment", a.comment());
        m.put("digest", a.digest().value());
        ApiJson.time(m, "decidedAt", a.decidedAt());
        return m;
    }

    static Map<String, Object> sample(SampleRecord s) {
        HealthSample h = s.sample();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", s.phase().name());
        m.put("round", h.round());
        m.put("check", h.check());
        m.put("outcome", h.outcome().name());
        ApiJson.time(m, "takenAt", h.takenAt());
        m.put("latencyMillis", h.latency().toMillis());
        m.put("reason", h.reason());
        m.put("observed", h.observed());
        m.put("detail", h.detail());
        return m;
    }
}
