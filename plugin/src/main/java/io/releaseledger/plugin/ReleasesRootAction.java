package io.releaseledger.plugin;

import hudson.Extension;
import hudson.model.RootAction;
import io.releaseledger.approval.Decision;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerUnavailableException;
import io.releaseledger.web.LedgerWeb;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;

/**
 * "Releases" in Jenkins' side panel, at {@code /release-ledger/}: the {@code web} module's console inside a
 * Jenkins page ({@code index.jelly}, a shell with no inline script), its JSON API under
 * {@code /release-ledger/api/…} and its files under {@code /release-ledger/*.js|css}, both answered by
 * {@link LedgerWeb}; and the POST actions {@code approve}, {@code reject} and {@code rollback}
 * (see {@link ReleaseActions}).
 */
@Extension
public final class ReleasesRootAction implements RootAction {
    private static final Logger LOGGER = Logger.getLogger(ReleasesRootAction.class.getName());
    static final String URL_NAME = "release-ledger";
    /** The plugin's own script: Approve / Reject / Roll back buttons on a release's page. */
    static final String ACTIONS_SCRIPT = "jenkins-actions.js";
    private static final String ACTIONS_RESOURCE = "/io/releaseledger/plugin/ui/" + ACTIONS_SCRIPT;

    private final JenkinsSide jenkins;
    private LedgerWeb web;
    private Ledger webFor;

    public ReleasesRootAction() {
        this(JenkinsSide.LIVE);
    }

    ReleasesRootAction(JenkinsSide jenkins) {
        this.jenkins = jenkins;
    }

    /** Hidden from those who may not see releases. */
    @Override
    public String getIconFileName() {
        return jenkins.hasPermission(ReleaseLedgerPermissions.VIEW) ? "symbol-rocket-outline plugin-ionicons-api" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.ReleasesRootAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** For the view: whether to show the Approve / Reject and Roll back buttons (the actions check again). */
    public boolean isMayApprove() {
        return jenkins.hasPermission(ReleaseLedgerPermissions.APPROVE);
    }

    public boolean isMayRollback() {
        return jenkins.hasPermission(ReleaseLedgerPermissions.ROLLBACK);
    }

    /**
     * For the side panel: the ledger's environments in promotion order, each linked to its history. Empty when the
     * ledger cannot be read, so the page still renders and its console says why.
     */
    public List<String> getEnvironmentNames() {
        try {
            return jenkins.ledger().environments();
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "the side panel lists no environments: the ledger cannot be read", e);
            return List.of();
        }
    }

    /** Checked by {@code index.jelly} before it renders anything. */
    public void checkViewPermission() {
        jenkins.checkPermission(ReleaseLedgerPermissions.VIEW);
    }

    /** Everything below {@code /release-ledger/} that is not a view or an action: the API and the console's files. */
    @GET
    public HttpResponse doDynamic(StaplerRequest2 req) {
        jenkins.checkPermission(ReleaseLedgerPermissions.VIEW);
        return read(req.getRestOfPath(), firstValues(req.getParameterMap()));
    }

    /** What {@link #doDynamic} answers for a path below the action, starting with {@code /}. */
    BufferedResponse read(String path, Map<String, String> query) {
        if (path.equals("/" + ACTIONS_SCRIPT)) return actionsScript();
        try {
            return BufferedResponse.of(web().get(path, query));
        } catch (LedgerUnavailableException e) {
            return BufferedResponse.error(503, null, e.getMessage());
        } catch (RuntimeException e) {
            // Opening the ledger failed (remembered for the administrative monitor); same shape as the API's 503.
            return BufferedResponse.error(503, null, Messages.ReleasesRootAction_LedgerUnavailable(e.getMessage()));
        }
    }

    private synchronized LedgerWeb web() {
        Ledger ledger = jenkins.ledger();
        if (web == null || webFor != ledger) {
            web = new LedgerWeb(ledger);
            webFor = ledger;
        }
        return web;
    }

    private static BufferedResponse actionsScript() {
        try (InputStream in = ReleasesRootAction.class.getResourceAsStream(ACTIONS_RESOURCE)) {
            if (in == null) return BufferedResponse.error(404, "path", "no such file");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Cache-Control", "no-cache");
            return new BufferedResponse(200, "text/javascript; charset=utf-8", headers, in.readAllBytes());
        } catch (IOException e) {
            return BufferedResponse.error(500, null, "the script could not be read");
        }
    }

    static Map<String, String> firstValues(Map<String, String[]> parameters) {
        Map<String, String> first = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : parameters.entrySet()) {
            String[] values = e.getValue();
            first.put(e.getKey(), values == null || values.length == 0 ? "" : values[0]);
        }
        return first;
    }

    /** POST {@code /release-ledger/approve} with {@code id} and an optional {@code comment}, and the crumb. */
    @RequirePOST
    public HttpResponse doApprove(@QueryParameter String id, @QueryParameter String comment) {
        jenkins.checkPermission(ReleaseLedgerPermissions.VIEW); // Approve itself is checked once "already settled?" is answered
        return new ReleaseActions(jenkins).decide(id, Decision.APPROVE, comment);
    }

    /** POST {@code /release-ledger/reject} with {@code id} and an optional {@code comment}, and the crumb. */
    @RequirePOST
    public HttpResponse doReject(@QueryParameter String id, @QueryParameter String comment) {
        jenkins.checkPermission(ReleaseLedgerPermissions.VIEW); // Approve itself is checked once "already settled?" is answered
        return new ReleaseActions(jenkins).decide(id, Decision.REJECT, comment);
    }

    /** POST {@code /release-ledger/rollback} with the {@code id} of the release to return to, and the crumb. */
    @RequirePOST
    public HttpResponse doRollback(@QueryParameter String id) {
        jenkins.checkPermission(ReleaseLedgerPermissions.ROLLBACK);
        return new ReleaseActions(jenkins).rollback(id);
    }
}
