package org.qsebms.bms.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare MQTT 3.1.1 publisher over a socket, for topics a client library refuses to send (Paho
 * validates topics as it encodes them): CONNECT, QoS 0 PUBLISH with any topic bytes, DISCONNECT.
 */
final class RawMqttPublisher implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;

    RawMqttPublisher(String url, String clientId) throws IOException {
        URI u = URI.create(url);
        socket = new Socket();
        socket.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5000);
        socket.setSoTimeout(5000);
        out = socket.getOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT".getBytes(StandardCharsets.US_ASCII));
        body.write(4); // protocol level 3.1.1
        body.write(0x02); // clean session
        body.write(0);
        body.write(60); // keep-alive 60 s
        string(body, clientId.getBytes(StandardCharsets.UTF_8));
        packet(0x10, body.toByteArray());
        InputStream in = socket.getInputStream();
        byte[] connack = in.readNBytes(4);
        if (connack.length != 4 || connack[0] != 0x20 || connack[3] != 0) {
            throw new IOException("broker refused the raw connection");
        }
    }

    /** Publishes at QoS 0; {@code topic} is sent as given, valid UTF-8 or not. */
    void publish(byte[] topic, byte[] payload, boolean retained) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.write(payload);
        packet(0x30 | (retained ? 1 : 0), body.toByteArray());
    }

    private static void string(ByteArrayOutputStream b, byte[] s) {
        b.write(s.length >> 8);
        b.write(s.length & 0xff);
        b.write(s, 0, s.length);
    }

    private void packet(int header, byte[] body) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(header);
        int len = body.length;
        do {
            int digit = len % 128;
            len /= 128;
            p.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        p.write(body);
        out.write(p.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            out.write(new byte[] {(byte) 0xe0, 0});
            out.flush();
        } finally {
            socket.close();
        }
    }
}
