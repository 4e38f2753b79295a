package org.qsebms.bms.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict parser for command payloads: exactly one JSON object of at most {@link #MAX_PAYLOAD_BYTES}
 * bytes, valid UTF-8, nothing after it, no key twice, only the fields the command defines (plus an
 * optional correlation {@code id}), each of the right type and in range (a negative zero is not a
 * number of amperes). An empty payload (how a retained message is cleared) is not a command. Any
 * deviation yields a rejection naming the field, the value found and what is allowed. Pure: no side
 * effects.
 */
public final class CommandParser {
    public static final int MAX_PAYLOAD_BYTES = 2048;
    public static final Set<String> NAMES =
            Set.of("reset", "service-reset", "charge-limit", "discharge-limit", "balancing", "snapshot", "contactors");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxStringLength(MAX_PAYLOAD_BYTES)
                    .maxNumberLength(32)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()); // trailing tokens: parse() reads on after the object itself (as FAIL_ON_TRAILING_TOKENS would)
    private final double maxChargeAmps;
    private final double maxDischargeAmps;

    /**
     * @param maxChargeAmps    the protection's charge current RSL: the highest cap a command may set
     * @param maxDischargeAmps the protection's discharge current RSL
     */
    public CommandParser(double maxChargeAmps, double maxDischargeAmps) {
        this.maxChargeAmps = maxChargeAmps;
        this.maxDischargeAmps = maxDischargeAmps;
    }

    /** Outcome of parsing: a command or a rejection. */
    public sealed interface Parsed {
        String name();

        String id();
    }

    public record Valid(Command command, String id) implements Parsed {
        public String name() {
            return command.name();
        }
    }

    public record Invalid(String name, String id, String reason) implements Parsed {}

    /** The name to answer on: the topic level if it is a well-formed name, else {@code unknown}. */
    public static String safeName(String topicLevel) {
        return topicLevel != null && NAME.matcher(topicLevel).matches() ? topicLevel : "unknown";
    }

    public Parsed parse(String topicLevel, byte[] payload) {
        String name = safeName(topicLevel);
        if (!NAMES.contains(name)) {
            return new Invalid(
                    name,
                    null,
                    "unknown command '" + abbreviate(topicLevel) + "'; known commands: "
                            + String.join(", ", NAMES.stream().sorted().toList()));
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Invalid(
                    name,
                    null,
                    "payload of " + payload.length + " bytes exceeds the " + MAX_PAYLOAD_BYTES
                            + "-byte limit for commands");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return new Invalid(name, null, "payload is not valid UTF-8");
        }
        if (payload.length == 0) {
            return new Invalid(
                    name,
                    null,
                    "empty payload: not executed (an empty message is how a retained message "
                            + "is cleared, never a command); send a JSON object such as {} or {\"id\":\"42\"}");
        }
        JsonNode root;
        try (JsonParser p = json.createParser(text)) {
            root = json.readTree(p);
            long end = p.currentLocation().getCharOffset(); // just past the object
            String after;
            try {
                after = p.nextToken() == null ? null : "a " + p.currentToken().asString();
            } catch (Exception e) { // Jackson's parse exceptions: what follows is not even a JSON token
                after = "'"
                        + abbreviate(text.substring((int) Math.min(text.length(), Math.max(0, end)))
                                .strip()) + "'";
            }
            if (after != null) {
                return new Invalid(
                        name,
                        null,
                        "malformed JSON: something follows the JSON object (" + after
                                + "); send exactly one object and nothing after it");
            }
        } catch (Exception e) { // Jackson's parse and constraint exceptions: malformed input, not a programmer error
            String why = firstLine(e.getMessage());
            if (why.startsWith("Duplicate field")) {
                return new Invalid(name, null, "malformed JSON: " + abbreviate(why) + "; give each field once");
            }
            return new Invalid(name, null, "malformed JSON: " + plain(why));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return new Invalid(
                    name,
                    null,
                    "payload must be a JSON object such as {\"id\":\"42\"}, found "
                            + (root == null || root.isMissingNode()
                                    ? "nothing"
                                    : root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        String id = null;
        JsonNode idNode = root.get("id");
        if (idNode != null) {
            if (!idNode.isTextual() || !ID.matcher(idNode.asText()).matches()) {
                return new Invalid(
                        name,
                        null,
                        "field 'id' must be a string of 1..64 letters, digits or _ . : -, found " + describe(idNode));
            }
            id = idNode.asText();
        }
        return switch (name) {
            case "reset" -> noFields(root, name, id, new Command.Reset());
            case "service-reset" -> noFields(root, name, id, new Command.ServiceReset());
            case "snapshot" -> noFields(root, name, id, new Command.Snapshot());
            case "charge-limit" -> amps(root, name, id, maxChargeAmps, true);
            case "discharge-limit" -> amps(root, name, id, maxDischargeAmps, false);
            case "balancing" -> balancing(root, name, id);
            case "contactors" -> contactors(root, name, id);
            default -> new Invalid(name, id, "unknown command '" + name + "'");
        };
    }

    private static Parsed noFields(JsonNode root, String name, String id, Command c) {
        String extra = unknownField(root, Set.of("id"));
        return extra != null ? new Invalid(name, id, extra) : new Valid(c, id);
    }

    private static Parsed amps(JsonNode root, String name, String id, double max, boolean charge) {
        String extra = unknownField(root, Set.of("id", "amps"));
        if (extra != null) {
            return new Invalid(name, id, extra);
        }
        JsonNode v = root.get("amps");
        if (v == null || !v.isNumber()) {
            return new Invalid(
                    name, id, "field 'amps' must be a number of amperes in 0.." + max + ", found " + describe(v));
        }
        double a = v.asDouble();
        if (a == 0 && 1 / a < 0) {
            return new Invalid(
                    name,
                    id,
                    "amps " + abbreviate(v.asText()) + " is a negative zero: write 0 for no "
                            + (charge ? "charge" : "discharge") + " current");
        }
        if (!(a >= 0 && a <= max)) {
            return new Invalid(
                    name,
                    id,
                    "amps " + abbreviate(v.asText()) + " A is outside 0.." + max
                            + " A (the protection's " + (charge ? "charge" : "discharge")
                            + " current limit, which a command can lower but never raise)");
        }
        return new Valid(charge ? new Command.ChargeLimit(a) : new Command.DischargeLimit(a), id);
    }

    private static Parsed balancing(JsonNode root, String name, String id) {
        String extra = unknownField(root, Set.of("id", "enabled"));
        if (extra != null) {
            return new Invalid(name, id, extra);
        }
        JsonNode v = root.get("enabled");
        if (v == null || !v.isBoolean()) {
            return new Invalid(name, id, "field 'enabled' must be true or false, found " + describe(v));
        }
        return new Valid(new Command.Balancing(v.booleanValue()), id);
    }

    private static Parsed contactors(JsonNode root, String name, String id) {
        String extra = unknownField(root, Set.of("id", "action"));
        if (extra != null) {
            return new Invalid(name, id, extra);
        }
        JsonNode v = root.get("action");
        if (v == null
                || !v.isTextual()
                || !(v.asText().equals("open") || v.asText().equals("close"))) {
            return new Invalid(name, id, "field 'action' must be \"open\" or \"close\", found " + describe(v));
        }
        return new Valid(new Command.Contactors(v.asText().equals("close")), id);
    }

    private static String unknownField(JsonNode root, Set<String> allowed) {
        Iterator<String> it = root.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!allowed.contains(f)) {
                return "unknown field '" + abbreviate(f) + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList());
            }
        }
        return null;
    }

    private static String describe(JsonNode v) {
        if (v == null || v.getNodeType() == JsonNodeType.MISSING) {
            return "nothing";
        }
        return v.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(v.toString());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) { // a control character shown as what it is, not as nothing
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return i < s.length() ? b + "..." : b.toString();
    }

    private static final java.util.regex.Pattern DEPTH =
            java.util.regex.Pattern.compile("nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    /**
     * The parser's text in words a sender can act on, without its internal names (the reader feature to enable, the
     * constraint class): NaN and Infinity, a nesting too deep; else its first clause.
     */
    private static String plain(String why) {
        if (why.startsWith("Non-standard token")) {
            return why.replaceFirst(": enable .*", "")
                    + ": NaN and Infinity are not JSON numbers; send a finite number";
        }
        java.util.regex.Matcher m = DEPTH.matcher(why);
        if (m.find()) {
            return "the payload is nested " + m.group(1) + " levels deep, more than the " + m.group(2)
                    + " a command can have; send a flat object";
        }
        return abbreviate(why.replaceFirst(": enable `.*", "").replaceAll(" ?\\(`[^`]*`[^)]*\\)", ""));
    }
}
