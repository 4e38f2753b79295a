package org.qsebms.bms.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A server-sent-events client over a plain HTTP connection, parsing each event's data as JSON. */
final class EventStream implements AutoCloseable {
    record Event(String name, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpURLConnection connection;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    final int status;
    final String contentType;

    EventStream(String url, String authorization) throws IOException {
        connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setReadTimeout(30_000);
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        status = connection.getResponseCode();
        contentType = connection.getContentType();
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        if (status == 200) {
            reader.start();
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, JSON.readTree(data.toString())));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        }
    }

    /** The next event that matches, skipping others; fails after {@code timeout}. */
    Event await(Predicate<Event> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching event within " + timeout + "; skipped " + skipped);
            }
            if (match.test(e)) {
                return e;
            }
            skipped.add(e.name());
        }
    }

    Event next(String name, Duration timeout) throws InterruptedException {
        return await(e -> e.name().equals(name), timeout);
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
