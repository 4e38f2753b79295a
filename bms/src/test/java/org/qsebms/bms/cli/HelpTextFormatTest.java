package org.qsebms.bms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Every description, header and footer line of every {@code bms} command formats as picocli formats
 * it (String.format, so a bare "%" must be written "%%"). A line that does not is printed raw, with a
 * "Could not format" warning on the user's terminal. (Option descriptions come back from picocli's
 * model already interpolated, "%%" as "%", so they cannot be checked the same way.)
 */
class HelpTextFormatTest {

    @Test
    void everyHelpTextOfEveryCommandFormatsWithoutAWarning() {
        List<String> broken = new ArrayList<>();
        List<String> walked = new ArrayList<>();
        collect(BmsCommand.commandLine(), broken, walked);

        assertThat(walked).as("the walk reaches nested commands").contains("bms run", "bms report cycles");
        assertThat(broken)
                .as("texts picocli cannot format (write a bare %% as %%%%)")
                .isEmpty();
    }

    private static void collect(CommandLine cl, List<String> broken, List<String> walked) {
        String name = cl.getCommandSpec().qualifiedName();
        walked.add(name);
        UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        List<String> texts = new ArrayList<>();
        texts.addAll(List.of(usage.description()));
        texts.addAll(List.of(usage.header()));
        texts.addAll(List.of(usage.footer()));
        for (String text : texts) {
            try {
                String.format(text);
            } catch (IllegalFormatException e) {
                broken.add(name + ": \"" + text + "\" (" + e.getMessage() + ")");
            }
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, broken, walked));
    }
}
