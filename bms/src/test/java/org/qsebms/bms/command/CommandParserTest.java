package org.qsebms.bms.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {
    private final CommandParser parser = new CommandParser(10.0, 20.0);

    private CommandParser.Parsed parse(String name, String payload) {
        return parser.parse(name, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsEveryCommandOfTheDocumentedSet() {
        assertThat(parse("reset", "{}")).isEqualTo(new CommandParser.Valid(new Command.Reset(), null));
        assertThat(parse("snapshot", "{\"id\":\"a-1\"}"))
                .isEqualTo(new CommandParser.Valid(new Command.Snapshot(), "a-1"));
        assertThat(parse("charge-limit", "{\"amps\":2.5}"))
                .isEqualTo(new CommandParser.Valid(new Command.ChargeLimit(2.5), null));
        assertThat(parse("discharge-limit", "{\"amps\":20}"))
                .isEqualTo(new CommandParser.Valid(new Command.DischargeLimit(20), null));
        assertThat(parse("balancing", "{\"enabled\":false}"))
                .isEqualTo(new CommandParser.Valid(new Command.Balancing(false), null));
        assertThat(parse("contactors", "{\"action\":\"open\"}"))
                .isEqualTo(new CommandParser.Valid(new Command.Contactors(false), null));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "charge-limit|{\"amps\":10.01}|outside 0..10.0 A",
                "charge-limit|{\"amps\":-1}|outside 0..10.0 A",
                "discharge-limit|{\"amps\":1e400}|outside 0..20.0 A",
                "charge-limit|{\"amps\":\"5\"}|must be a number",
                "charge-limit|{}|must be a number",
                "balancing|{\"enabled\":1}|must be true or false",
                "contactors|{\"action\":\"weld\"}|must be \"open\" or \"close\"",
                "reset|{\"force\":true}|unknown field 'force'",
                "reset|[1,2]|must be a JSON object",
                "reset|{\"id\":7}|field 'id' must be a string",
                "snapshot|{\"a\":|malformed JSON",
                "launch|{}|unknown command 'launch'",
                "contactors|{\"action\":\"open\"} <not json>|something follows the JSON object",
                "contactors|{\"action\":\"close\"}{\"action\":\"open\"}|something follows the JSON object",
                "contactors|{\"action\":\"close\"} {}|something follows the JSON object",
                "contactors|{\"action\":\"close\",\"action\":\"open\"}|Duplicate field 'action'",
                "charge-limit|{\"amps\":1,\"amps\":2}|Duplicate field 'amps'",
                "reset|{\"id\":\"a\",\"id\":\"b\"}|Duplicate field 'id'",
                "charge-limit|{\"amps\":-0.0}|negative zero",
                "discharge-limit|{\"amps\":-0e0}|negative zero",
                "reset|'   '|must be a JSON object such as {\"id\":\"42\"}, found nothing",
                "snapshot|' '|must be a JSON object such as {\"id\":\"42\"}, found nothing",
                // issue 23, check23h: the parser's internals were in the reply, cut off mid-word
                "charge-limit|{\"amps\":NaN}|NaN and Infinity are not JSON numbers; send a finite number",
                "reset|{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}|nested 9 levels deep, more than the 8",
            })
    void rejectsWithAReasonNamingTheProblem(String name, String payload, String reason) {
        CommandParser.Parsed p = parse(name, payload);

        assertThat(p).isInstanceOf(CommandParser.Invalid.class);
        assertThat(((CommandParser.Invalid) p).reason()).contains(reason);
    }

    /** Issue 23, check23h: a trailing NUL was answered "something follows the JSON object ('')". */
    @Test
    void aControlCharacterAfterTheObjectIsShownAsWhatItIs() {
        String reason = ((CommandParser.Invalid)
                        parser.parse("contactors", "{\"action\":\"open\"}\u0000".getBytes(StandardCharsets.UTF_8)))
                .reason();
        assertThat(reason).contains("something follows the JSON object ('\\u0000')");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"amps\":NaN}",
                "{\"amps\":Infinity}",
                "{\"a\":[[[[[[[[[[1]]]]]]]]]]}",
                "{\"amps\":1,}",
                "{\"amps\":01}"
            })
    void aMalformedPayloadIsAnsweredWithoutTheParsersInternals(String payload) {
        String reason = ((CommandParser.Invalid) parse("charge-limit", payload)).reason();
        assertThat(reason)
                .startsWith("malformed JSON: ")
                .doesNotContain("JsonReadFeature")
                .doesNotContain("StreamReadConstraints")
                .doesNotContain("`");
    }

    @Test
    void rejectsOversizedAndNonUtf8PayloadsAndAnswersOddNamesOnUnknown() {
        byte[] big = ("{\"id\":\"" + "x".repeat(3000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(((CommandParser.Invalid) parser.parse("reset", big)).reason())
                .contains("exceeds the 2048-byte limit");
        assertThat(((CommandParser.Invalid) parser.parse("reset", new byte[] {(byte) 0xff, (byte) 0xfe})).reason())
                .contains("not valid UTF-8");
        assertThat(parser.parse("Reset\u0000/#", new byte[0]).name()).isEqualTo("unknown");
    }

    @Test
    void anEmptyPayloadIsNeverACommandAndTheResultSaysWhy() {
        for (String name : CommandParser.NAMES) {
            CommandParser.Parsed p = parser.parse(name, new byte[0]);
            assertThat(p).as(name).isInstanceOf(CommandParser.Invalid.class);
            assertThat(((CommandParser.Invalid) p).reason())
                    .startsWith("empty payload: not executed")
                    .contains("retained message is cleared");
        }
    }

    @Test
    void trailingWhitespaceAndAPlainZeroStayValid() {
        assertThat(parse("contactors", "{\"action\":\"open\"}\n  "))
                .isEqualTo(new CommandParser.Valid(new Command.Contactors(false), null));
        assertThat(parse("charge-limit", "{\"amps\":0}"))
                .isEqualTo(new CommandParser.Valid(new Command.ChargeLimit(0), null));
        assertThat(parse("charge-limit", "{\"amps\":0.0}"))
                .isEqualTo(new CommandParser.Valid(new Command.ChargeLimit(0), null));
    }

    @Test
    void rateLimiterAllowsTheBurstThenTheSustainedRate() {
        long[] now = {0};
        CommandRateLimiter r = new CommandRateLimiter(5, 10, () -> now[0]);
        int ok = 0;
        for (int i = 0; i < 100; i++) {
            ok += r.tryAcquire() ? 1 : 0;
        }
        assertThat(ok).isEqualTo(10);
        now[0] += 1_000_000_000L;
        ok = 0;
        for (int i = 0; i < 100; i++) {
            ok += r.tryAcquire() ? 1 : 0;
        }
        assertThat(ok).isEqualTo(5);
    }
}
