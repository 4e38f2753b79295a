package org.qsebms.bms.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's HTTP side with no browser: the server-sent event stream of a real controller running on the
 * simulated pack (values that move, an injected alarm with its reason), the page's files, and what the server
 * refuses.
 */
class DashboardStreamTest {
    @TempDir
    static Path stateDir;

    private static SimulatedDashboard bms;

    @BeforeAll
    static void start() {
        bms = SimulatedDashboard.start(stateDir);
    }

    @AfterAll
    static void stop() {
        bms.close();
    }

    @Test
    void streamsPackLimitsThenHistoryAndStatesWhoseValuesMoveWithinThreeSeconds() throws Exception {
        try (EventStream stream = new EventStream(bms.server.url() + "events", null)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            JsonNode meta = stream.next("meta", Duration.ofSeconds(5)).data();
            assertThat(meta.get("packId").asText()).isEqualTo("dash");
            assertThat(meta.get("cells").asInt()).isEqualTo(4);
            assertThat(meta.at("/cellOverVolts/msl").asDouble()).isEqualTo(4.30);
            assertThat(meta.at("/cellOverVolts/rsl").asDouble()).isEqualTo(4.25);
            assertThat(meta.at("/cellUnderVolts/mol").asDouble()).isEqualTo(3.0);

            JsonNode first = stream.await(
                            e -> e.name().equals("state")
                                    && e.data().get("haveSample").asBoolean(),
                            Duration.ofSeconds(10))
                    .data();
            long t0 = System.nanoTime();
            assertThat(first.get("cellVolts")).hasSize(4);
            assertThat(first.get("packVolts").asDouble()).isBetween(4 * 3.0, 4 * 4.3);
            JsonNode moved = stream.await(
                            e -> e.name().equals("state")
                                    && !e.data().get("cellVolts").equals(first.get("cellVolts")),
                            Duration.ofSeconds(3))
                    .data();
            assertThat(System.nanoTime() - t0).isLessThan(3_000_000_000L);
            assertThat(moved.get("sequence").asLong())
                    .isGreaterThan(first.get("sequence").asLong());

            JsonNode points = stream.next("points", Duration.ofSeconds(3)).data();
            int n = points.get("t").size();
            assertThat(n).isPositive();
            for (String column : List.of("soc", "socBound3Sigma", "packAmps", "packVolts", "maxCellR0Ohm", "seiOhm")) {
                assertThat(points.get(column)).as(column).hasSize(n);
            }
            assertThat(points.get("celsius")).hasSize(4);
            assertThat(points.get("celsius").get(0)).hasSize(n);
            JsonNode later = stream.next("points", Duration.ofSeconds(3)).data();
            assertThat(later.get("lastSequence").asLong())
                    .isGreaterThan(points.get("lastSequence").asLong());
            assertThat(later.get("t").get(0).asDouble())
                    .isGreaterThan(points.get("t").get(n - 1).asDouble());
        }
    }

    @Test
    void anAlarmInjectedInTheSimulatedPackIsStreamedWithItsReasonAndLevel() throws Exception {
        try (EventStream stream = new EventStream(bms.server.url() + "events", null)) {
            stream.await(
                    e -> e.name().equals("state")
                            && e.data().get("state").asText().equals("NORMAL"),
                    Duration.ofSeconds(15));
            bms.driveCellTo(1, 4.27); // above the 4.25 V RSL, below the 4.30 V MSL
            JsonNode state = stream.await(
                            e -> e.name().equals("state") && ids(e.data()).contains("CELL_OVER_VOLTAGE.RSL"),
                            Duration.ofSeconds(10))
                    .data();
            JsonNode alarm = null;
            for (JsonNode a : state.get("alarms")) {
                if (a.get("id").asText().equals("CELL_OVER_VOLTAGE.RSL")) {
                    alarm = a;
                }
            }
            assertThat(alarm.get("level").asText()).isEqualTo("RSL");
            assertThat(alarm.get("reason").asText()).contains("cell 2").contains("4.250");
            assertThat(alarm.get("latched").asBoolean()).isFalse();
            assertThat(ids(state)).contains("CELL_OVER_VOLTAGE.MOL");
            assertThat(state.get("events").toString()).contains("CELL_OVER_VOLTAGE.RSL");

            bms.sim.pack().driveCellVoltage(1, 0);
            stream.await(
                    e -> e.name().equals("state") && !ids(e.data()).contains("CELL_OVER_VOLTAGE.RSL"),
                    Duration.ofSeconds(10));
        } finally {
            bms.sim.pack().driveCellVoltage(1, 0);
        }
    }

    @Test
    void keepsStreamingWhileTheMqttBrokerCannotBeReached(@TempDir Path otherStateDir) throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (SimulatedDashboard alone =
                        SimulatedDashboard.startWithoutBroker(otherStateDir, "tcp://127.0.0.1:" + closedPort);
                EventStream stream = new EventStream(alone.server.url() + "events", null)) {
            long first = stream.await(
                            e -> e.name().equals("state")
                                    && e.data().get("haveSample").asBoolean(),
                            Duration.ofSeconds(10))
                    .data()
                    .get("sequence")
                    .asLong();
            long later = stream.await(
                            e -> e.name().equals("state")
                                    && e.data().get("sequence").asLong() >= first + 2,
                            Duration.ofSeconds(5))
                    .data()
                    .get("sequence")
                    .asLong();
            assertThat(later).isGreaterThanOrEqualTo(first + 2);
        }
    }

    private static List<String> ids(JsonNode state) {
        List<String> ids = new ArrayList<>();
        state.get("alarms").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    @Test
    void servesThePageItsScriptAndUplotFromTheWebJar() throws Exception {
        Response page = get("", "GET");
        assertThat(page.status).isEqualTo(200);
        assertThat(page.type).startsWith("text/html");
        assertThat(page.body).contains("uplot/uPlot.iife.min.js").contains("dashboard.js");
        Response uplot = get("uplot/uPlot.iife.min.js", "GET");
        assertThat(uplot.status).isEqualTo(200);
        assertThat(uplot.type).startsWith("text/javascript");
        assertThat(uplot.body).contains("uPlot");
        assertThat(get("uplot/uPlot.min.css", "GET").status).isEqualTo(200);
        assertThat(get("dashboard.js", "GET").body).contains("new EventSource('events')");
        JsonNode api = new ObjectMapper().readTree(get("api/state", "GET").body);
        assertThat(api.at("/meta/cells").asInt()).isEqualTo(4);
        assertThat(api.at("/state/cellVolts")).hasSize(4);
    }

    @Test
    void isReadOnlyAndSaysSo() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            Response r = get("", method);
            assertThat(r.status).as(method).isEqualTo(405);
            assertThat(r.body).contains("read-only");
            assertThat(r.allow).isEqualTo("GET, HEAD");
        }
        Response missing = get("nope", "GET");
        assertThat(missing.status).isEqualTo(404);
        assertThat(missing.body).contains("/nope");
        assertThat(get("..%2F..%2Fetc%2Fpasswd", "GET").status)
                .as("no file is ever read from a path")
                .isEqualTo(404);
        assertThat(get("uplot/../../META-INF/MANIFEST.MF", "GET").status).isEqualTo(404);
    }

    @Test
    void boundsTheNumberOfOpenStreams() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (bms.server.openStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50); // streams of earlier tests end at their next write after the page went away
        }
        assertThat(bms.server.openStreams()).isZero();
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < DashboardServer.MAX_STREAMS; i++) {
                EventStream s = new EventStream(bms.server.url() + "events", null);
                open.add(s);
                assertThat(s.status).isEqualTo(200);
                s.next("meta", Duration.ofSeconds(5));
            }
            try (EventStream refused = new EventStream(bms.server.url() + "events", null)) {
                assertThat(refused.status).isEqualTo(503);
            }
            assertThat(get("", "GET").status)
                    .as("the page itself is still served")
                    .isEqualTo(200);
        } finally {
            open.forEach(EventStream::close);
        }
    }

    record Response(int status, String type, String allow, String body) {}

    private static Response get(String path, String method) throws Exception {
        HttpURLConnection c =
                (HttpURLConnection) URI.create(bms.server.url() + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setReadTimeout(10_000);
        int status = c.getResponseCode();
        var in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Response(status, c.getContentType(), c.getHeaderField("Allow"), body);
    }
}
