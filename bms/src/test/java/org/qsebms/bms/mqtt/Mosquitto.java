package org.qsebms.bms.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.qsebms.bms.broker.EmbeddedBroker;

/** A real Mosquitto broker on a free loopback port, from a minimal generated mosquitto.conf. */
public final class Mosquitto implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    public static final Path SUB = Path.of("/usr/bin/mosquitto_sub");
    public static final Path PUB = Path.of("/usr/bin/mosquitto_pub");

    public final int port;
    final Path dir;
    private final Process process;

    public static boolean available() {
        return Files.isExecutable(BINARY) && Files.isExecutable(SUB) && Files.isExecutable(PUB);
    }

    public Mosquitto(Path dir, String extraConfig) throws IOException, InterruptedException {
        this(dir, extraConfig, true);
    }

    public Mosquitto(Path dir, String extraConfig, boolean anonymous) throws IOException, InterruptedException {
        this.dir = dir;
        this.port = EmbeddedBroker.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(
                conf,
                "listener " + port + " 127.0.0.1\nallow_anonymous " + anonymous + "\npersistence false\n"
                        + "log_dest file " + dir.resolve("mosquitto.log") + "\n"
                        // started as root, mosquitto drops to user 'mosquitto', which cannot read the test's private
                        // temp dir
                        + ("root".equals(System.getProperty("user.name")) ? "user root\n" : "")
                        + extraConfig);
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile())
                .start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException(
                            "mosquitto exited with " + process.exitValue() + "; see " + dir.resolve("mosquitto.out"));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    /**
     * Publishes with Debian's mosquitto_pub (QoS 1): any UTF-8 topic, an empty payload ({@code -n}) when
     * {@code payload} is empty, retained with {@code retained}; returns its exit code.
     */
    public int publish(String topic, String payload, boolean retained) throws IOException, InterruptedException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                PUB.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1", "-t", topic));
        if (payload.isEmpty()) {
            cmd.add("-n");
        } else {
            cmd.add("-m");
            cmd.add(payload);
        }
        if (retained) {
            cmd.add("-r");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
