package dev.afterhours.classifier.classification;

import dev.afterhours.classifier.text.MessageText;
import dev.afterhours.contracts.ClientContact;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The walking skeleton's classifier: explainable rules, each of which says why it fired.
 *
 * <p>In order of precedence:
 * <ol>
 *   <li>A staff reply (OUTBOUND) is LOW and needs no response.</li>
 *   <li>Auto-reply headers (RFC 3834 and friends) make an auto-reply: LOW, no response, never EMERGENCY.</li>
 *   <li>Out-of-office wording makes an auto-reply too, unless the sender's own text also reports an emergency
 *       or the message used a dedicated emergency line: then a person wrote it.</li>
 *   <li>A message to or from one of the client's emergency lines is an EMERGENCY, whatever it says.</li>
 *   <li>A newsletter is LOW and needs no response.</li>
 *   <li>An emergency phrase (built-in English ones, or the client's own) makes an EMERGENCY; urgency words
 *       make HIGH; a thanks-only message or an FYI is LOW and needs no response; anything else is NORMAL.</li>
 *   <li>A hedge ("no rush", "not urgent") takes one level off what the words said.</li>
 *   <li>A message from one of the client's VIP contacts that needs a response is at least HIGH.</li>
 * </ol>
 * Only what the sender wrote counts: quoted replies are cut off first. Shouting does not make an emergency:
 * "URGENT!!! can you change the font" is HIGH.
 */
public final class RuleBasedClassifier implements MessageClassifier {

    // How far each deciding rule is trusted; hand-set for the skeleton, to be replaced by a calibrated model.
    static final double OUTBOUND = 0.99;
    static final double EMERGENCY_LINE = 0.99;
    static final double AUTO_REPLY_HEADER = 0.95;
    static final double CLIENT_PHRASE = 0.9;
    static final double EMERGENCY_PHRASE = 0.85;
    static final double THANKS_ONLY = 0.85;
    static final double AUTO_REPLY_TEXT = 0.8;
    static final double NEWSLETTER = 0.8;
    static final double FYI = 0.75;
    static final double RECOVERED = 0.75;
    static final double HIGH_WORDS = 0.75;
    static final double VIP = 0.7;
    static final double HEDGED = 0.65;
    static final double NO_SIGNAL = 0.55;

    private static final Pattern SENTENCE_BREAK = Pattern.compile("[.!?;:,\\n|]");
    private static final Pattern TOKEN_SPLIT = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?:(?:re|fw|fwd|aw|wg|tr)\\s?:\\s?)+");
    private static final int GUARD_WORDS = 4;

    @Override
    public Classification classify(MessageReceived message, Optional<ClientProfile> client, Instant now) {
        return judge(message, client).classification();
    }

    /** Which rule decided: the combined classifier lets the learned model weigh in only on the words. */
    public enum Basis {
        /** An OUTBOUND message. */
        STAFF_REPLY,
        /** RFC 3834 and friends: a machine says it wrote the message. */
        AUTO_REPLY_HEADER,
        /** Out-of-office wording. */
        AUTO_REPLY_TEXT,
        /** The client's dedicated emergency line. */
        EMERGENCY_LINE,
        /** List-Unsubscribe, or an unsubscribe link with newsletter furniture. */
        NEWSLETTER,
        /** An emergency phrase, built-in or the client's. */
        EMERGENCY_WORDS,
        /** Words asking for speed, or a stated deadline. */
        URGENT_WORDS,
        /** Thanks only, or an FYI. */
        NO_REPLY_WORDS,
        /** A recovery notice: the incident it names is over ("Monitor is UP", "Resolved:"). */
        RECOVERED,
        /** A machine's notification (Auto-Submitted: auto-generated) whose words ask for nothing urgent. */
        MACHINE_NOTICE,
        /** Nothing the rules recognise: the words are for the model to judge. */
        NO_SIGNAL
    }

    /**
     * The rules' verdict with the rule that decided it.
     *
     * @param hedged whether a hedge ("no rush") lowered what the words said
     */
    public record RuleVerdict(Classification classification, Basis basis, MessageText text, boolean hedged,
                              Optional<ClientContact> vip) {
    }

    public RuleVerdict judge(MessageReceived message, Optional<ClientProfile> client) {
        MessageText text = MessageText.of(message.getSubject(), message.getBody());
        if (message.getDirection() == Direction.OUTBOUND) {
            return new RuleVerdict(new Classification(Urgency.LOW, OUTBOUND, List.of("outbound reply from staff"),
                    false, false), Basis.STAFF_REPLY, text, false, Optional.empty());
        }
        Optional<String> autoReplyHeader = AutoReplyDetector.fromHeaders(message.getHeaders());
        if (autoReplyHeader.isPresent()) {
            return new RuleVerdict(new Classification(Urgency.LOW, AUTO_REPLY_HEADER,
                    List.of("auto-reply: " + autoReplyHeader.get()), false, true),
                    Basis.AUTO_REPLY_HEADER, text, false, Optional.empty());
        }
        Optional<String> machine = AutoReplyDetector.machineSubject(text);
        if (machine.isPresent()) {
            return new RuleVerdict(new Classification(Urgency.LOW, AUTO_REPLY_TEXT,
                    List.of("auto-reply: " + machine.get()), false, true),
                    Basis.AUTO_REPLY_TEXT, text, false, Optional.empty());
        }

        List<Span> hedges = find(Lexicon.HEDGES, text.own());
        Optional<String> emergencyLine = client.flatMap(c -> emergencyLine(message, c));
        List<String> emergencies = emergencyReasons(text, client, hedges);

        Optional<String> outOfOffice = AutoReplyDetector.fromText(text);
        if (outOfOffice.isPresent() && emergencyLine.isEmpty() && emergencies.isEmpty()) {
            return new RuleVerdict(new Classification(Urgency.LOW, AUTO_REPLY_TEXT,
                    List.of("auto-reply: " + outOfOffice.get()), false, true),
                    Basis.AUTO_REPLY_TEXT, text, false, Optional.empty());
        }
        if (emergencyLine.isPresent()) {
            List<String> reasons = new ArrayList<>();
            reasons.add(emergencyLine.get());
            reasons.addAll(emergencies);
            return new RuleVerdict(new Classification(Urgency.EMERGENCY, EMERGENCY_LINE, reasons, true, false),
                    Basis.EMERGENCY_LINE, text, false, Optional.empty());
        }
        Optional<String> newsletter = AutoReplyDetector.newsletter(message.getHeaders(), text);
        if (newsletter.isPresent()) {
            // Bulk mail is written by a machine and answered by nobody: an auto-reply in the contract's sense.
            return new RuleVerdict(new Classification(Urgency.LOW, NEWSLETTER, List.of(newsletter.get()), false, true),
                    Basis.NEWSLETTER, text, false, Optional.empty());
        }

        Verdict verdict = fromWords(text, emergencies, hedges);
        Optional<String> notification = AutoReplyDetector.notification(message.getHeaders());
        if (notification.isPresent()) {
            if (verdict.urgency().compareTo(Urgency.HIGH) <= 0 || verdict.basis() == Basis.RECOVERED) {
                // A monitor's alert, or its all-clear: its words decide, as for a person's message.
                List<String> reasons = new ArrayList<>(verdict.reasons());
                reasons.add(notification.get());
                return new RuleVerdict(new Classification(verdict.urgency(), verdict.confidence(), reasons,
                        verdict.needsResponse(), false), verdict.basis(), text, false, Optional.empty());
            }
            // A report or a receipt: nobody answers it, unless the model reads an emergency in it.
            return new RuleVerdict(new Classification(Urgency.LOW, AUTO_REPLY_HEADER,
                    List.of(notification.get() + ", nothing urgent in it"), false, true),
                    Basis.MACHINE_NOTICE, text, false, Optional.empty());
        }
        boolean hedged = false;
        if (!hedges.isEmpty() && verdict.hedgeable()) {
            hedged = true;
            Urgency lowered = lower(verdict.urgency());
            List<String> reasons = new ArrayList<>(verdict.reasons());
            reasons.add(lowered == verdict.urgency()
                    ? "hedged with '" + hedges.getFirst().text() + "'"
                    : "hedged with '" + hedges.getFirst().text() + "': lowered from " + verdict.urgency() + " to " + lowered);
            verdict = new Verdict(lowered, HEDGED, reasons, verdict.needsResponse(), false, verdict.basis());
        }
        Optional<ClientContact> vip = client.flatMap(c -> vipContact(message, c));
        if (vip.isPresent() && verdict.needsResponse() && verdict.urgency().compareTo(Urgency.HIGH) > 0) {
            List<String> reasons = new ArrayList<>(verdict.reasons());
            reasons.addFirst("client's VIP contact");
            verdict = new Verdict(Urgency.HIGH, VIP, reasons, true, false, verdict.basis());
        }
        return new RuleVerdict(new Classification(verdict.urgency(), verdict.confidence(), verdict.reasons(),
                verdict.needsResponse(), false), verdict.basis(), text, hedged, vip);
    }

    /** What the words alone say, before hedges and VIP floors. */
    private static Verdict fromWords(MessageText text, List<String> emergencies, List<Span> hedges) {
        if (!emergencies.isEmpty()) {
            double confidence = emergencies.stream().anyMatch(r -> r.endsWith(CLIENT_PHRASE_SUFFIX))
                    ? CLIENT_PHRASE : EMERGENCY_PHRASE;
            return new Verdict(Urgency.EMERGENCY, confidence, emergencies, true, true, Basis.EMERGENCY_WORDS);
        }
        Optional<LiteralGate.Match> recovered = LiteralGate.first(Lexicon.RECOVERED, text.own());
        if (recovered.isPresent()) {
            // "Monitor is UP (was down for 3 minutes)": nothing to do now, unless the sender asks something.
            boolean asks = text.ownBody().contains("?");
            return new Verdict(asks ? Urgency.NORMAL : Urgency.LOW, RECOVERED,
                    List.of("recovery notice ('" + recovered.get().text() + "')"), asks, false, Basis.RECOVERED);
        }
        List<Span> high = find(Lexicon.HIGH, text.own()).stream().filter(s -> !s.insideAny(hedges)).toList();
        if (!high.isEmpty()) {
            List<String> reasons = high.stream().map(s -> "urgent wording '" + s.text() + "'").distinct().toList();
            return new Verdict(Urgency.HIGH, HIGH_WORDS, reasons, true, true, Basis.URGENT_WORDS);
        }
        boolean question = text.ownBody().contains("?");
        if (!question && thanksOnly(text)) {
            return new Verdict(Urgency.LOW, THANKS_ONLY, List.of("thanks only"), false, false, Basis.NO_REPLY_WORDS);
        }
        Optional<String> fyi = question ? Optional.empty() : fyi(text);
        if (fyi.isPresent()) {
            return new Verdict(Urgency.LOW, FYI, List.of("FYI, no reply expected ('" + fyi.get() + "')"), false, false,
                    Basis.NO_REPLY_WORDS);
        }
        return new Verdict(Urgency.NORMAL, NO_SIGNAL, List.of("no urgency signals"), true, true, Basis.NO_SIGNAL);
    }

    private static Optional<String> fyi(MessageText text) {
        return fyi(text.ownBody()).or(() -> fyi(REPLY_PREFIX.matcher(text.subject()).replaceFirst("")));
    }

    /** The first FYI phrase: an opening "FYI" is at the very start, so it comes before any other. */
    private static Optional<String> fyi(String text) {
        Matcher opening = Lexicon.FYI_OPENING.matcher(text);
        if (opening.lookingAt()) {
            return Optional.of(opening.group().strip());
        }
        return LiteralGate.first(Lexicon.FYI, text).map(match -> match.text().strip());
    }

    private static final String CLIENT_PHRASE_SUFFIX = " (client's emergency phrase)";

    /** Client phrases first (they say why the client cares), then built-in ones not already reported. */
    private static List<String> emergencyReasons(MessageText text, Optional<ClientProfile> client, List<Span> hedges) {
        // A reply's subject repeats the thread's topic ("Re: checkout broken" under "all working again, thanks"), as
        // do an out-of-office reply's ("Automatic reply: Checkout failing") and a helpdesk acknowledgement's: only
        // the words written now can raise a new emergency.
        boolean echoedSubject = REPLY_PREFIX.matcher(text.subject()).lookingAt()
                || Lexicon.OUT_OF_OFFICE_SUBJECT.matcher(text.subject()).find()
                || AutoReplyDetector.acknowledgement(text.ownBody()).isPresent();
        String own = echoedSubject ? text.ownBody() : text.own();
        Set<String> matched = new LinkedHashSet<>();
        List<String> reasons = new ArrayList<>();
        for (String phrase : client.map(ClientProfile::getEmergencyPhrases).orElse(List.of())) {
            String normalised = MessageText.normalise(phrase);
            if (normalised.isEmpty()) {
                continue;
            }
            Pattern pattern = Lexicon.client("(?<!\\w)" + Stream.of(normalised.split(" ")).map(Pattern::quote)
                    .reduce((a, b) -> a + "\\s+" + b).orElseThrow() + "(?!\\w)");
            for (Span span : find(List.of(pattern), own)) {
                if (!span.insideAny(hedges) && !guarded(own, span) && matched.add(span.text())) {
                    reasons.add("matched '" + phrase.strip() + "'" + CLIENT_PHRASE_SUFFIX);
                    break;
                }
            }
        }
        for (Span span : find(Lexicon.EMERGENCIES, own)) {
            if (!span.insideAny(hedges) && !guarded(own, span) && !Lexicon.NEGATED_STATE.matcher(span.text()).find()
                    && matched.stream().noneMatch(m -> m.contains(span.text()) || span.text().contains(m))
                    && matched.add(span.text())) {
                reasons.add("matched '" + span.text() + "'");
            }
        }
        return reasons;
    }

    /** "if the site is down", "take the site down": the few words before the phrase make it hypothetical or planned. */
    private static boolean guarded(String text, Span span) {
        String before = text.substring(0, span.start());
        Matcher breaks = SENTENCE_BREAK.matcher(before);
        int sentenceStart = 0;
        while (breaks.find()) {
            sentenceStart = breaks.end();
        }
        String[] words = before.substring(sentenceStart).strip().split(" ");
        String window = String.join(" ", List.of(words).subList(Math.max(0, words.length - GUARD_WORDS), words.length));
        return Lexicon.EMERGENCY_GUARDS.matcher(window).find();
    }

    private static Optional<String> emergencyLine(MessageReceived message, ClientProfile client) {
        for (String line : client.getEmergencyLines()) {
            boolean used = Addresses.same(message.getFrom(), line)
                    || message.getTo().stream().anyMatch(to -> Addresses.same(to, line));
            if (used) {
                return Optional.of("dedicated emergency line " + line.strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<ClientContact> vipContact(MessageReceived message, ClientProfile client) {
        return client.getContacts().stream()
                .filter(ClientContact::getVip)
                .filter(c -> (c.getEmail() != null && Addresses.same(message.getFrom(), c.getEmail()))
                        || (c.getPhone() != null && Addresses.same(message.getFrom(), c.getPhone())))
                .findFirst();
    }

    /**
     * Only thank-you words and pleasantries, perhaps signed with a name: "Thanks!", "Great, thank you so much",
     * "Vielen Dank! Jonas". A request ("thanks, can you also ...") leaves other words behind.
     */
    private static boolean thanksOnly(MessageText text) {
        String own = text.ownBody().isEmpty() ? text.subject() : text.ownBody();
        // Most messages thank nobody: a cheap look for a thank-you word first ("for the fix" below never is one).
        if (!hasThanksWord(own)) {
            return false;
        }
        String body = Lexicon.THANKS_FOR.matcher(own).replaceAll(" ");
        List<String> tokens = TOKEN_SPLIT.splitAsStream(body).filter(t -> !t.isEmpty()).toList();
        if (tokens.isEmpty() || tokens.size() > 25 || tokens.stream().noneMatch(Lexicon.THANKS::contains)) {
            return false;
        }
        List<String> rest = tokens.stream()
                .filter(t -> !Lexicon.THANKS.contains(t) && !Lexicon.THANKS_FILLER.contains(t)).toList();
        if (rest.isEmpty()) {
            return true;
        }
        // A signature: at most two capitalised words at the very end.
        if (rest.size() > 2 || !tokens.subList(tokens.size() - rest.size(), tokens.size()).equals(rest)) {
            return false;
        }
        List<String> written = TOKEN_SPLIT.splitAsStream(text.rawOwnBody()).filter(t -> !t.isEmpty()).toList();
        List<String> signature = written.subList(Math.max(0, written.size() - rest.size()), written.size());
        return signature.stream().allMatch(w -> Character.isUpperCase(w.codePointAt(0))
                && rest.contains(w.toLowerCase(Locale.ROOT)));
    }

    /** Whether one of the words ({@link #TOKEN_SPLIT}'s pieces: letters, digits, apostrophes) says thank you. */
    private static boolean hasThanksWord(String text) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean inWord = i < text.length() && isTokenChar(text.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                if (i - start <= Lexicon.LONGEST_THANKS && Lexicon.THANKS.contains(text.substring(start, i))) {
                    return true;
                }
                start = -1;
            }
        }
        return false;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || Character.getType(c) == Character.LETTER_NUMBER
                || Character.getType(c) == Character.OTHER_NUMBER;
    }

    private static Urgency lower(Urgency urgency) {
        return switch (urgency) {
            case EMERGENCY -> Urgency.HIGH;
            case HIGH -> Urgency.NORMAL;
            case NORMAL, LOW -> Urgency.LOW;
        };
    }

    private static List<Span> find(List<Pattern> patterns, String text) {
        List<Span> spans = new ArrayList<>();
        for (Pattern pattern : patterns) {
            for (LiteralGate.Match match : LiteralGate.matches(pattern, text)) {
                spans.add(new Span(match.start(), match.end(), match.text()));
            }
        }
        spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return spans;
    }

    /**
     * @param hedgeable whether a hedge may lower it (words can be hedged; a thanks-only LOW cannot go lower)
     */
    private record Verdict(Urgency urgency, double confidence, List<String> reasons, boolean needsResponse,
                           boolean hedgeable, Basis basis) {
    }

    private record Span(int start, int end, String text) {
        boolean insideAny(List<Span> others) {
            return others.stream().anyMatch(o -> start >= o.start() && end <= o.end());
        }
    }
}
