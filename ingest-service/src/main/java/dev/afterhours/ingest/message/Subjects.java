package dev.afterhours.ingest.message;

import dev.afterhours.contracts.Channel;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What an email is about, as threading compares it: the subject without reply and forward prefixes. */
public final class Subjects {

    /**
     * Reply and forward prefixes as mail programs write them, in English, German (AW, WG, Antw), the Nordic languages
     * (SV, VS), French (TR), Italian (R, RIF), with an optional count ({@code Re[2]:}, {@code AW(3):}), and a
     * bracketed tag some gateways add ({@code [EXT]}).
     */
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:(?:re|fwd?|aw|wg|antw|sv|vs|tr|r|rif)\\s*(?:\\[\\d+]|\\(\\d+\\))?\\s*[:：]|\\[ext(?:ernal)?])\\s*",
            Pattern.CASE_INSENSITIVE);

    private Subjects() {
    }

    /**
     * The topic of an email: its subject without prefixes, whitespace collapsed, lower case; null for other channels
     * and for a subject that is blank once the prefixes are gone ("Re:" alone says nothing about the topic).
     */
    public static @Nullable String topic(Channel channel, @Nullable String subject) {
        if (channel != Channel.EMAIL || subject == null) {
            return null;
        }
        String rest = subject;
        String previous;
        do {
            previous = rest;
            rest = PREFIX.matcher(rest).replaceFirst("");
        } while (!rest.equals(previous));
        String topic = rest.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return topic.isEmpty() ? null : topic;
    }
}
