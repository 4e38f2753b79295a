package org.qsebms.bms.dashboard;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.qsebms.config.BmsConfig;
import org.qsebms.config.ConfigException;
import org.qsebms.config.DashboardConfig;
import org.tinylog.Logger;

/**
 * The dashboard's HTTP server (the JDK's {@code com.sun.net.httpserver}): the page, its script and style, uPlot
 * from its WebJar, {@code /events} (server-sent events: {@code meta}, then {@code points} and {@code state} on
 * every update) and {@code /api/state} (one JSON snapshot). Read-only: every other method is refused. Its threads
 * only read the {@link DashboardFeed}; a slow or hostile client holds one of a bounded number of threads, never
 * the telemetry thread or the control loop.
 */
public final class DashboardServer implements AutoCloseable {
    static final int MAX_STREAMS = 8;
    static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final String RESOURCES = "/org/qsebms/bms/dashboard/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final String SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";

    private record Asset(String contentType, byte[] bytes) {}

    private final HttpServer server;
    private final ExecutorService threads;
    private final DashboardFeed feed;
    private final String meta;
    private final Map<String, Asset> assets;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final ListenExposure exposure;
    private volatile boolean running = true;

    private DashboardServer(
            HttpServer server,
            ExecutorService threads,
            DashboardFeed feed,
            String meta,
            Map<String, Asset> assets,
            ListenExposure exposure) {
        this.server = server;
        this.threads = threads;
        this.feed = feed;
        this.meta = meta;
        this.assets = assets;
        this.exposure = exposure;
    }

    /** A feed sized for {@code cfg}: as many history rows as {@code dashboard.history} holds state samples. */
    public static DashboardFeed feedFor(BmsConfig cfg, int cells, int temperatureChannels) {
        long rows = cfg.dashboard().history().toMillis()
                / Math.max(1, cfg.mqtt().stateInterval().toMillis());
        return new DashboardFeed(cells, temperatureChannels, (int) Math.max(2, Math.min(100_000, rows)));
    }

    /**
     * Starts the dashboard for {@code cfg.dashboard()}: checks the listen rule, reads the credentials and binds.
     *
     * @param freePortIfTaken take a free port when the configured one is in use (for a dashboard that was not
     *                        asked for explicitly); otherwise a taken port is an error
     * @throws ConfigException when the host may not be served, a credential cannot be read or the port is taken
     */
    public static DashboardServer start(
            BmsConfig cfg, DashboardFeed feed, String version, Map<String, String> env, boolean freePortIfTaken) {
        DashboardConfig d = cfg.dashboard();
        ListenExposure exposure = ListenExposure.check(
                "dashboard",
                "dashboard.host (--dashboard-host)",
                d.host(),
                d.hasCredentials(),
                d.allowAnonymousRemote(),
                "set dashboard.username and dashboard.passwordFile "
                        + "(or dashboard.passwordEnv), or allow it explicitly with --dashboard-allow-anonymous-remote "
                        + "(dashboard.allowAnonymousRemote: true) on a network you trust");
        DashboardCredentials credentials = DashboardCredentials.read(d, env);
        HttpServer server = bind(d, freePortIfTaken);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(MAX_STREAMS + 4, r -> {
            Thread t = new Thread(r, "bms-dashboard-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        double historySeconds = d.history().toMillis() / 1000.0;
        String meta = DashboardJson.meta(cfg, version, feed.cells(), feed.temperatureChannels(), historySeconds);
        DashboardServer s = new DashboardServer(server, threads, feed, meta, loadAssets(), exposure);
        BasicAuthenticator auth = credentials == null
                ? null
                : new BasicAuthenticator("qse-bms dashboard", StandardCharsets.UTF_8) {
                    @Override
                    public boolean checkCredentials(String user, String password) {
                        return credentials.matches(user, password);
                    }
                };
        HttpContext root = server.createContext("/", s::handle);
        if (auth != null) {
            root.setAuthenticator(auth);
        }
        server.start();
        if (!exposure.warning().isEmpty()) {
            Logger.warn(exposure.warning());
        }
        return s;
    }

    private static HttpServer bind(DashboardConfig d, boolean freePortIfTaken) {
        try {
            return HttpServer.create(new InetSocketAddress(d.host(), d.port()), 16);
        } catch (BindException e) {
            boolean portTaken = String.valueOf(e.getMessage()).contains("in use");
            if (!portTaken) {
                throw new ConfigException(
                        "dashboard.host (--dashboard-host)",
                        "cannot serve the dashboard on "
                                + d.host() + ":" + d.port() + ": " + e.getMessage() + "; is " + d.host()
                                + " an address of "
                                + "this machine? Use 127.0.0.1, one of its interface addresses, or 0.0.0.0");
            }
            if (freePortIfTaken && d.port() != 0) {
                Logger.info("dashboard port {} on {} is in use; taking a free port instead", d.port(), d.host());
                return bind(d.withPort(0), false);
            }
            throw new ConfigException(
                    "dashboard.port (--dashboard-port)",
                    "cannot serve the dashboard on " + d.host()
                            + ":" + d.port() + ": " + e.getMessage()
                            + " (is another BMS or web server using it?); choose "
                            + "another port with --dashboard-port PORT (0 picks a free one) or turn it off with "
                            + "--no-dashboard");
        } catch (IOException e) {
            throw new ConfigException(
                    "dashboard.host (--dashboard-host)",
                    "cannot serve the dashboard on " + d.host() + ":" + d.port() + ": " + e.getMessage());
        }
    }

    private static Map<String, Asset> loadAssets() {
        String uplot = UPLOT + uplotVersion() + "/dist/";
        return Map.of(
                "/", new Asset("text/html; charset=utf-8", resource(RESOURCES + "index.html")),
                "/dashboard.js", new Asset("text/javascript; charset=utf-8", resource(RESOURCES + "dashboard.js")),
                "/dashboard.css", new Asset("text/css; charset=utf-8", resource(RESOURCES + "dashboard.css")),
                "/uplot/uPlot.iife.min.js",
                        new Asset("text/javascript; charset=utf-8", resource("/" + uplot + "uPlot.iife.min.js")),
                "/uplot/uPlot.min.css", new Asset("text/css; charset=utf-8", resource("/" + uplot + "uPlot.min.css")),
                "/uplot/LICENSE",
                        new Asset("text/plain; charset=utf-8", resource("/" + UPLOT + uplotVersion() + "/LICENSE")));
    }

    /** The version of the uPlot WebJar on the class path (from its Maven metadata). */
    static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in =
                DashboardServer.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar (org.webjars.npm:uplot) is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uPlot WebJar's version: " + e.getMessage(), e);
        }
        return p.getProperty("version");
    }

    private static byte[] resource(String path) {
        try (InputStream in = DashboardServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Content-Security-Policy", SECURITY_POLICY);
            ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                text(ex, 405, "the dashboard is read-only: " + method + " is not allowed (GET or HEAD)");
                return;
            }
            String path = ex.getRequestURI().getPath();
            if ("/events".equals(path)) {
                stream(ex);
                return;
            }
            if ("/api/state".equals(path)) {
                DashboardFeed.View v = feed.now();
                send(
                        ex,
                        200,
                        "application/json; charset=utf-8",
                        ("{\"meta\":" + meta + ",\"points\":" + DashboardJson.points(v.points()) + ",\"state\":"
                                        + DashboardJson.state(v) + "}")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            Asset a = assets.get("/index.html".equals(path) ? "/" : path);
            if (a == null) {
                text(ex, 404, "no such page: " + path + " (the dashboard is at /)");
                return;
            }
            send(ex, 200, a.contentType(), a.bytes());
        } catch (IOException | RuntimeException e) {
            Logger.debug("dashboard request ended: {}", e.toString()); // a closed page, never a controller matter
        }
    }

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Server-sent events: {@code meta}, then the history and the state, then each update as it comes. */
    private void stream(HttpExchange ex) throws IOException {
        if (!streams.tryAcquire()) {
            text(ex, 503, MAX_STREAMS + " dashboards are already open on this BMS; close one and reload");
            return;
        }
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            write(out, "retry: 2000\n\n");
            event(out, "meta", meta);
            out.flush();
            long version = Long.MIN_VALUE;
            long sequence = Long.MIN_VALUE;
            while (running) {
                DashboardFeed.View v = feed.await(version, sequence, KEEP_ALIVE_MILLIS);
                if (v == null) {
                    return;
                }
                if (v.version() == version) {
                    write(out, ": keep-alive\n\n");
                } else {
                    version = v.version();
                    if (v.points().size() > 0) {
                        event(out, "points", DashboardJson.points(v.points()));
                    }
                    sequence = v.points().lastSequence();
                    event(out, "state", DashboardJson.state(v));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.release();
        }
    }

    private static void event(OutputStream out, String name, String json) throws IOException {
        write(out, "event: " + name + "\ndata: " + json + "\n\n"); // JSON text has no raw line breaks
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The address to open in a browser. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = exposure.host();
        if (a.getAddress().isAnyLocalAddress()) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/";
    }

    /** Event streams open now (pages connected). */
    int openStreams() {
        return MAX_STREAMS - streams.availablePermits();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The warning for an anonymous dashboard beyond loopback (also logged at start), or empty. */
    public String exposureWarning() {
        return exposure.warning();
    }

    /** True when only this machine can reach it. */
    public boolean loopbackOnly() {
        return exposure.loopback();
    }

    /** Ends every open page's stream, stops listening and releases the threads. */
    @Override
    public void close() {
        running = false;
        feed.close();
        server.stop(1);
        threads.shutdownNow();
    }
}
