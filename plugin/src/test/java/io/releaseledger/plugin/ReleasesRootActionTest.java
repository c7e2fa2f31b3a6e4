package io.releaseledger.plugin;

import static io.releaseledger.plugin.ReleaseLedgerPermissions.ROLLBACK;
import static io.releaseledger.plugin.ReleaseLedgerPermissions.VIEW;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.util.ListBoxModel;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.access.AccessDeniedException;

public class ReleasesRootActionTest {
    @Rule
    public final LedgerFixture f = new LedgerFixture();

    /** A request as Stapler hands it over: the path below the action and the query parameters. */
    private static StaplerRequest2 request(String restOfPath, Map<String, String[]> parameters) {
        return (StaplerRequest2) Proxy.newProxyInstance(ReleasesRootActionTest.class.getClassLoader(),
                new Class<?>[] {StaplerRequest2.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRestOfPath" -> restOfPath;
                    case "getParameterMap" -> parameters;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void theActionIsReleasesAtReleaseLedgerAndHiddenFromThoseWhoMayNotView() {
        ReleasesRootAction action = new ReleasesRootAction(new FakeJenkins(f, VIEW));
        assertEquals("release-ledger", action.getUrlName());
        assertEquals("Releases", action.getDisplayName());
        assertNotNull(action.getIconFileName());
        assertNull(new ReleasesRootAction(new FakeJenkins(f)).getIconFileName());
    }

    @Test
    public void theJsonApiIsLedgerWebBehindTheViewCheck() throws Exception {
        f.deployToStaging("1.0.0");
        FakeJenkins reader = new FakeJenkins(f, VIEW);
        BufferedResponse reply = (BufferedResponse) new ReleasesRootAction(reader).doDynamic(request("/api/dashboard", Map.of()));
        assertEquals(200, reply.status());
        assertEquals("application/json; charset=utf-8", reply.contentType());
        assertEquals("nosniff", reply.headers().get("X-Content-Type-Options"));
        assertTrue(reply.text(), reply.text().contains("\"name\":\"staging\""));
        assertEquals("the permission first, then the ledger", List.of("check View", "ledger"), reader.asked);

        BufferedResponse history = (BufferedResponse) new ReleasesRootAction(reader).doDynamic(request("/api/environments/staging/history",
                Map.of("limit", new String[] {"1", "ignored second value"})));
        assertEquals(history.text(), 200, history.status());
        assertTrue(history.text(), history.text().contains("\"limit\":1"));

        BufferedResponse typo = new ReleasesRootAction(reader).read("/api/dashboard", Map.of("limt", "5"));
        assertEquals("LedgerWeb's strict parameters come through", 400, typo.status());
        assertEquals(404, new ReleasesRootAction(reader).read("/api/releases/999", Map.of()).status());
    }

    @Test
    public void theSidePanelListsTheLedgersEnvironmentsInPromotionOrderAndNoneWhenItCannotBeRead() throws Exception {
        ReleasesRootAction action = new ReleasesRootAction(new FakeJenkins(f, VIEW));
        assertEquals(List.of("staging", "production"), action.getEnvironmentNames());
        f.ledger.close();
        assertEquals("the page still renders; its console says why", List.of(), action.getEnvironmentNames());
    }

    @Test
    public void withoutViewNothingIsRead() {
        FakeJenkins stranger = new FakeJenkins(f);
        assertThrows(AccessDeniedException.class,
                () -> new ReleasesRootAction(stranger).doDynamic(request("/api/dashboard", Map.of())));
        assertEquals(List.of("check View"), stranger.asked);
    }

    @Test
    public void theConsoleFilesAndTheActionsScriptAreServedWithTheirTypes() {
        ReleasesRootAction action = new ReleasesRootAction(new FakeJenkins(f, VIEW));
        BufferedResponse app = action.read("/app.js", Map.of());
        assertEquals(200, app.status());
        assertTrue(app.contentType(), app.contentType().startsWith("text/javascript"));
        BufferedResponse style = action.read("/style.css", Map.of());
        assertTrue(style.contentType(), style.contentType().startsWith("text/css"));
        BufferedResponse buttons = action.read("/jenkins-actions.js", Map.of());
        assertEquals(200, buttons.status());
        assertEquals("text/javascript; charset=utf-8", buttons.contentType());
        assertEquals("nosniff", buttons.headers().get("X-Content-Type-Options"));
        assertTrue(buttons.text().contains("crumbField"));
        assertEquals(404, action.read("/../ReleasesRootAction.class", Map.of()).status());
    }

    @Test
    public void webMethodsCheckAPermissionOnTheirFirstLine() {
        FakeJenkins stranger = new FakeJenkins(f);
        ReleasesRootAction action = new ReleasesRootAction(stranger);
        assertThrows(AccessDeniedException.class, () -> action.doApprove("1", null));
        assertThrows(AccessDeniedException.class, () -> action.doReject("1", null));
        assertEquals(List.of("check View", "check View"), stranger.asked);
        stranger.asked.clear();
        stranger.granted.add(VIEW);
        assertThrows(AccessDeniedException.class, () -> action.doRollback("1"));
        assertEquals(List.of("check Rollback"), stranger.asked);
        stranger.granted.add(ROLLBACK);
    }

    @Test
    public void stateChangingMethodsArePostOnlyAndReadsAreGet() throws Exception {
        for (String name : List.of("doApprove", "doReject")) {
            Method m = ReleasesRootAction.class.getMethod(name, String.class, String.class);
            assertNotNull(name, m.getAnnotation(RequirePOST.class));
            assertNotNull(name, m.getParameters()[0].getAnnotation(QueryParameter.class));
        }
        assertNotNull(ReleasesRootAction.class.getMethod("doRollback", String.class).getAnnotation(RequirePOST.class));
        assertNotNull(ReleasesRootAction.class.getMethod("doDynamic", StaplerRequest2.class).getAnnotation(GET.class));
        Method fill = ReleaseLedgerConfiguration.class.getMethod("doFillLedgerCredentialsIdItems", String.class);
        assertNotNull(fill.getAnnotation(POST.class));
        assertEquals(ListBoxModel.class, fill.getReturnType());
    }

    @Test
    public void aReplyWritesStatusTypeHeadersAndBody() throws Exception {
        Map<String, Object> written = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        StaplerResponse2 rsp = (StaplerResponse2) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StaplerResponse2.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "setStatus", "setContentType", "setContentLength" -> written.put(method.getName(), args[0]);
                        case "setHeader" -> written.put((String) args[0], args[1]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        BufferedResponse.error(409, "id", "release 4 is not awaiting approval").generateResponse(null, rsp, null);
        assertEquals(409, written.get("setStatus"));
        assertEquals("application/json; charset=utf-8", written.get("setContentType"));
        assertEquals("nosniff", written.get("X-Content-Type-Options"));
        byte[] expected = "{\"error\":\"release 4 is not awaiting approval\",\"field\":\"id\",\"status\":409}"
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, body.toByteArray());
        assertEquals(expected.length, written.get("setContentLength"));
    }
}
