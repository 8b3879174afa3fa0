package dev.afterhours.classifier.classification;

import dev.afterhours.classifier.text.MessageText;
import dev.afterhours.classifier.classification.RuleBasedClassifier.Basis;
import dev.afterhours.classifier.classification.RuleBasedClassifier.RuleVerdict;
import dev.afterhours.classifier.model.Calibration;
import dev.afterhours.classifier.model.Kind;
import dev.afterhours.classifier.model.Language;
import dev.afterhours.classifier.model.NearestExamples;
import dev.afterhours.classifier.model.SecondOpinion;
import dev.afterhours.classifier.model.UrgencyModel;
import dev.afterhours.classifier.model.UrgencyModel.Opinion;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The classifier the service runs: the rules, the learned model beside them, and the signals a single message
 * cannot give (repeated contacts, a voicemail after a missed call, the client's escalation word).
 *
 * <ol>
 *   <li>What the rules know for certain stands: a staff reply, auto-reply headers, the client's emergency line,
 *       a newsletter, out-of-office wording, a recovery notice ("Monitor is UP") without an emergency phrase. A
 *       machine's notification ({@code Auto-Submitted: auto-generated}, a monitor's alert) is judged by its words
 *       like a person's message, and is an automatic message nobody answers when they ask for nothing urgent.</li>
 *   <li>Otherwise the words are judged twice. An EMERGENCY by either the rules (a phrase that describes the
 *       situation) or the model (its calibrated probability of EMERGENCY at least the threshold of the message's
 *       language, or the pooled one where the language has none of its own: {@link Calibration}) is an EMERGENCY:
 *       missing one costs a client, so the two are or-ed, and each threshold is the highest that kept EMERGENCY
 *       recall at 0.95 on cross-validation.
 *       Below that, what the rules recognised (urgent wording, thanks, FYI) stands, and where they recognised
 *       nothing the model's likeliest class decides (HIGH only with a probability of at least one half); a hedge
 *       ("no rush") caps it at NORMAL. The model can also recognise an auto-reply or a no-reply-needed message the
 *       rules missed.</li>
 *   <li>Then impact and time ({@link Impact}): only part affected, a workaround or a deadline after the client's
 *       next opening keep an EMERGENCY at HIGH; money or safety at stake lowers the model's EMERGENCY bar to
 *       where the model's own probability is {@value #LOWERED_THRESHOLD}. The web form's severity hint weighs in,
 *       never alone making an EMERGENCY.</li>
 *   <li>Then the context raises: the third message or call from the client within ten minutes (when it needs a
 *       response) and a voicemail right after a missed call from the same number each raise one level; the
 *       client's escalation word in a reply makes an EMERGENCY; a VIP contact gets at least HIGH.</li>
 * </ol>
 * Every step that changes the verdict adds its reason.
 *
 * <p>Where the word model is unsure (its likeliest urgency below {@link Cascade#unsureBelow()}, or its EMERGENCY
 * probability within {@link Cascade#band()} of the threshold the cascade was tuned with,
 * {@link Calibration#anchor()}), the {@link SecondOpinion} is asked: the nearest
 * labelled training messages in meaning, whose vote makes {@link Cascade#share()} of every probability. The
 * reasons then name those examples. Only this uncertain share pays for it.
 */
public final class CombinedClassifier implements MessageClassifier {

    /**
     * The words alone, uncalibrated, one threshold for every language: chosen by five-fold cross-validation on the
     * train split ({@code HeldOutEvaluation sweep}).
     */
    public static final double EMERGENCY_THRESHOLD = 0.3;
    /**
     * With the second opinion, uncalibrated, one threshold for every language: the threshold that kept recall above
     * 0.95 and gained precision on five-fold cross-validation of the train split ({@code HeldOutEvaluation cascade}).
     * The shipped cascade asks the second opinion around it ({@link Calibration#anchor()}).
     */
    public static final double CASCADE_EMERGENCY_THRESHOLD = 0.35;
    static final double MODEL_HIGH_THRESHOLD = 0.5;
    static final double AUTO_REPLY_THRESHOLD = 0.7;
    static final double NO_REPLY_THRESHOLD = 0.7;
    static final double ESCALATION_WORD = 0.95;
    /**
     * The model's EMERGENCY bar when money or safety is at stake, or the web form's sender chose "critical": on the
     * model's own probability, so on the calibrated one the bar is where the calibration maps it (never above the
     * language's threshold).
     */
    static final double LOWERED_THRESHOLD = 0.2;
    /** The model's HIGH bar when the web form's sender chose "high". */
    static final double HINTED_HIGH_THRESHOLD = 0.3;
    static final String SEVERITY_HEADER = "x-afterhours-severity";
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);
    static final int REPEAT_COUNT = 3;
    private static final Pattern REPLY_SUBJECT = Pattern.compile("^(?:re|aw|sv|rv|r|réf|antw)\\s?:",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * When to ask the second opinion and how much it weighs.
     *
     * @param unsureBelow ask when the word model's likeliest urgency has a probability below this
     * @param band        ask when the EMERGENCY probability is this close to the threshold
     * @param share       the vote's share of each probability once asked
     */
    public record Cascade(double unsureBelow, double band, double share) {
        /** Chosen by five-fold cross-validation on the train split ({@code HeldOutEvaluation cascade}). */
        public static final Cascade SHIPPED = new Cascade(0.5, 0.1, 0.3);
    }

    private final RuleBasedClassifier rules;
    private final UrgencyModel model;
    private final @Nullable SecondOpinion second;
    private final Cascade cascade;
    private final ContactHistory history;
    private final Calibration calibration;
    /** {@link #LOWERED_THRESHOLD} on the calibrated probability. */
    private final double loweredBar;

    /** The word model alone, without a second opinion, uncalibrated. */
    public CombinedClassifier(RuleBasedClassifier rules, UrgencyModel model, ContactHistory history) {
        this(rules, model, history, EMERGENCY_THRESHOLD);
    }

    /** Another threshold for the model's EMERGENCY, uncalibrated: for choosing the threshold by cross-validation. */
    public CombinedClassifier(RuleBasedClassifier rules, UrgencyModel model, ContactHistory history,
            double emergencyThreshold) {
        this(rules, model, null, Cascade.SHIPPED, history, Calibration.identity(emergencyThreshold));
    }

    /**
     * The service's classifier: the words, the nearest examples where the words are unsure, and the calibration
     * with the thresholds per language ({@link Calibration#fromClasspath()}).
     */
    public CombinedClassifier(RuleBasedClassifier rules, UrgencyModel model, SecondOpinion second,
            Calibration calibration, ContactHistory history) {
        this(rules, model, second, Cascade.SHIPPED, history, calibration);
    }

    /** Uncalibrated, with one threshold for every language: for choosing the cascade by cross-validation. */
    public CombinedClassifier(RuleBasedClassifier rules, UrgencyModel model, @Nullable SecondOpinion second,
            Cascade cascade, ContactHistory history, double emergencyThreshold) {
        this(rules, model, second, cascade, history, Calibration.identity(emergencyThreshold));
    }

    public CombinedClassifier(RuleBasedClassifier rules, UrgencyModel model, @Nullable SecondOpinion second,
            Cascade cascade, ContactHistory history, Calibration calibration) {
        this.rules = rules;
        this.model = model;
        this.second = second;
        this.cascade = cascade;
        this.history = history;
        this.calibration = calibration;
        this.loweredBar = calibration.emergency(LOWERED_THRESHOLD);
    }

    /**
     * What the model's part of the decision sees of a message, for calibrating it ({@code CalibrationTraining}).
     *
     * @param language the message's language, whose EMERGENCY threshold applies
     * @param opinion  the model's probabilities, blended with the nearest examples' vote where the words were
     *                 unsure, before calibration; null where the rules decide alone (a staff reply, an auto-reply,
     *                 an emergency line, a newsletter, a recovery notice)
     */
    public record ModelScores(String language, @Nullable Opinion opinion) {
    }

    public ModelScores modelScores(MessageReceived message, Optional<ClientProfile> client) {
        RuleVerdict verdict = rules.judge(message, client);
        String language = language(verdict, client);
        return switch (verdict.basis()) {
            case STAFF_REPLY, AUTO_REPLY_HEADER, AUTO_REPLY_TEXT, EMERGENCY_LINE, NEWSLETTER, RECOVERED ->
                    new ModelScores(language, null);
            case MACHINE_NOTICE, EMERGENCY_WORDS, URGENT_WORDS, NO_REPLY_WORDS, NO_SIGNAL ->
                    new ModelScores(language, judge(message, verdict).opinion());
        };
    }

    /** The language of what the sender wrote, or else the client's. */
    private static String language(RuleVerdict verdict, Optional<ClientProfile> client) {
        return Language.detect(verdict.text().own(), client.map(ClientProfile::getLanguage).orElse(null));
    }

    /** The word model's opinion, blended with the nearest examples' vote where it was unsure. */
    private record Judged(Opinion opinion, @Nullable String nearest) {

        Classification explained(Classification decided) {
            if (nearest == null) {
                return decided;
            }
            List<String> reasons = new ArrayList<>(decided.reasons());
            reasons.add(nearest);
            return new Classification(decided.urgency(), decided.confidence(), reasons, decided.needsResponse(),
                    decided.autoReply());
        }
    }

    private Judged judge(MessageReceived message, RuleVerdict verdict) {
        String own = verdict.text().own();
        Opinion words = model.judge(message.getChannel(), own);
        if (second == null || !unsure(words)) {
            return new Judged(words, null);
        }
        NearestExamples.Vote vote = second.consult(own);
        StringBuilder reason = new StringBuilder(String.format(Locale.ROOT,
                "words unsure, nearest labelled examples (weight %.2f):", cascade.share()));
        for (int i = 0; i < Math.min(3, vote.nearest().size()); i++) {
            NearestExamples.Neighbour n = vote.nearest().get(i);
            reason.append(String.format(Locale.ROOT, "%s %s %s %.2f \"%s\"", i == 0 ? "" : ";", n.example().id(),
                    n.example().urgency(), n.similarity(), n.example().snippet()));
        }
        return new Judged(words.blend(vote, cascade.share()), reason.toString());
    }

    private boolean unsure(Opinion opinion) {
        double top = 0;
        for (double p : opinion.urgency().values()) {
            top = Math.max(top, p);
        }
        return top < cascade.unsureBelow()
                || Math.abs(opinion.probability(Urgency.EMERGENCY) - calibration.anchor()) < cascade.band();
    }

    /**
     * The decision before the context (steps 1 to 3): the rules, the word model, the second opinion, impact and time.
     * The expensive part of {@link #classify}, and a function of the message and the client profile alone: neither
     * the time of the decision nor the contact history enters it, so it may be computed once and given to
     * {@link #classify(MessageReceived, Optional, Instant, WordsVerdict)} later, by another caller.
     *
     * @param rules   what the rules made of the message (its text, basis, hedge, VIP contact)
     * @param decided the classification the words give, before the context raises it
     */
    public record WordsVerdict(RuleVerdict rules, Classification decided) {
    }

    /** The context-free part of {@link #classify}: the same message and client always give an equal verdict. */
    public WordsVerdict words(MessageReceived message, Optional<ClientProfile> client) {
        RuleVerdict verdict = rules.judge(message, client);
        Classification decided = switch (verdict.basis()) {
            case STAFF_REPLY, AUTO_REPLY_HEADER, AUTO_REPLY_TEXT, EMERGENCY_LINE, NEWSLETTER, RECOVERED ->
                    verdict.classification();
            case MACHINE_NOTICE -> machineNotice(message, client, verdict);
            case EMERGENCY_WORDS, URGENT_WORDS, NO_REPLY_WORDS, NO_SIGNAL -> withModel(message, client, verdict);
        };
        return new WordsVerdict(verdict, decided);
    }

    @Override
    public Classification classify(MessageReceived message, Optional<ClientProfile> client, Instant now) {
        return classify(message, client, now, words(message, client));
    }

    /**
     * {@link #classify(MessageReceived, Optional, Instant)} with its words already judged: only the context (step 4)
     * is added, which is cheap.
     *
     * @param words {@link #words} of this message and this client profile; another profile's verdict gives another
     *              decision
     */
    public Classification classify(MessageReceived message, Optional<ClientProfile> client, Instant now,
                                   WordsVerdict words) {
        Classification decided = words.decided();
        if (decided.autoReply() || words.rules().basis() == Basis.STAFF_REPLY) {
            return decided;
        }
        return inContext(message, client, words.rules(), decided);
    }

    private Classification withModel(MessageReceived message, Optional<ClientProfile> client, RuleVerdict verdict) {
        Judged judged = judge(message, verdict);
        String own = verdict.text().own();
        Calibration.Threshold threshold = calibration.threshold(language(verdict, client));
        Optional<String> stake = Impact.atStake(own);
        Optional<String> hint = severityHint(message);
        boolean critical = hint.filter("critical"::equals).isPresent();
        // Money or safety at stake, or a sender who calls it critical, lower the bar the model's EMERGENCY must pass;
        // neither makes an EMERGENCY without words that read like one.
        double bar = stake.isPresent() || critical ? Math.min(threshold.value(), loweredBar) : threshold.value();
        Classification decided = withModel(verdict, judged.opinion(), threshold, bar);
        return judged.explained(weighed(decided, message, client, verdict, judged.opinion(), threshold, stake, hint));
    }

    /**
     * Impact and time (issue 13): a part affected, a workaround in place or a deadline after the client's next
     * opening keep a model's EMERGENCY at HIGH; money or safety at stake and the web form's severity hint weigh in.
     * Each adjustment is a reason.
     */
    private Classification weighed(Classification decided, MessageReceived message, Optional<ClientProfile> client,
                                   RuleVerdict verdict, Opinion opinion, Calibration.Threshold threshold,
                                   Optional<String> stake, Optional<String> hint) {
        String own = verdict.text().own();
        Urgency urgency = decided.urgency();
        List<String> reasons = new ArrayList<>(decided.reasons());
        String form = hint.map(h -> "web form: the sender chose '" + h + "'").orElse("");
        if (urgency == Urgency.EMERGENCY) {
            boolean byPhrase = verdict.basis() == Basis.EMERGENCY_WORDS;
            boolean clientPhrase = decided.reasons().stream().anyMatch(r -> r.endsWith("(client's emergency phrase)"));
            Optional<String> cap = Optional.empty();
            if (!clientPhrase && stake.isEmpty()) {
                cap = Impact.limitedScope(own).map(scope -> "only part affected ('" + scope + "')");
                if (cap.isEmpty() && !byPhrase) {
                    cap = Impact.workaround(own).map(w -> "workaround in place ('" + w + "')")
                            .or(() -> Impact.laterDeadline(own, client, message.getReceivedAt()));
                }
            }
            if (cap.isPresent()) {
                urgency = Urgency.HIGH;
                reasons.add(cap.get() + ": HIGH, not EMERGENCY");
            } else {
                double emergency = calibration.emergency(opinion.probability(Urgency.EMERGENCY));
                boolean lowered = !byPhrase && emergency < threshold.value();
                stake.ifPresent(s -> reasons.add("money or safety at stake ('" + s + "')"
                        + (lowered ? String.format(Locale.ROOT, ": EMERGENCY from %.2f", loweredBar) : "")));
                if (!form.isEmpty()) {
                    reasons.add(form + (lowered && stake.isEmpty()
                            ? String.format(Locale.ROOT, ": EMERGENCY from %.2f", loweredBar) : ""));
                }
            }
        } else if (decided.needsResponse()) {
            if (stake.isPresent() && urgency.compareTo(Urgency.HIGH) > 0) {
                urgency = Urgency.HIGH;
                reasons.add("money or safety at stake ('" + stake.get() + "'): raised to HIGH");
            }
            switch (hint.orElse("")) {
                case "critical" -> {
                    if (urgency.compareTo(Urgency.HIGH) > 0) {
                        urgency = Urgency.HIGH;
                        reasons.add(form + ": raised to HIGH (alone it never makes an EMERGENCY)");
                    } else {
                        reasons.add(form + " (alone it never makes an EMERGENCY)");
                    }
                }
                case "high" -> {
                    if (urgency.compareTo(Urgency.HIGH) > 0 && verdict.basis() == Basis.NO_SIGNAL
                            && opinion.probability(Urgency.HIGH) >= HINTED_HIGH_THRESHOLD) {
                        urgency = Urgency.HIGH;
                        reasons.add(String.format(Locale.ROOT, "%s, and the model gives HIGH %.2f: raised to HIGH",
                                form, opinion.probability(Urgency.HIGH)));
                    } else {
                        reasons.add(form);
                    }
                }
                case "low" -> {
                    if (urgency == Urgency.HIGH && verdict.basis() == Basis.NO_SIGNAL) {
                        urgency = Urgency.NORMAL;
                        reasons.add(form + ": the model's HIGH lowered to NORMAL");
                    } else {
                        reasons.add(form);
                    }
                }
                case "" -> {
                }
                default -> reasons.add(form);
            }
        }
        if (urgency == decided.urgency() && reasons.equals(decided.reasons())) {
            return decided;
        }
        return new Classification(urgency, decided.confidence(), reasons, decided.needsResponse(), false);
    }

    /** The web form's {@code x-afterhours-severity} (the sender's own choice), on WEBFORM messages only. */
    private static Optional<String> severityHint(MessageReceived message) {
        if (message.getChannel() != Channel.WEBFORM) {
            return Optional.empty();
        }
        String value = AutoReplyDetector.header(message.getHeaders(), SEVERITY_HEADER);
        if (value == null) {
            return Optional.empty();
        }
        String severity = value.strip().toLowerCase(Locale.ROOT);
        return switch (severity) {
            case "critical", "high", "normal", "low" -> Optional.of(severity);
            default -> Optional.empty();
        };
    }

    /**
     * @param threshold the EMERGENCY threshold of the message's language, for the reasons
     * @param bar       what the calibrated EMERGENCY probability must reach: the threshold, or lower
     */
    private Classification withModel(RuleVerdict verdict, Opinion opinion, Calibration.Threshold threshold,
                                     double bar) {
        Classification byRules = verdict.classification();
        double emergency = calibration.emergency(opinion.probability(Urgency.EMERGENCY));
        List<String> reasons = new ArrayList<>();

        if (byRules.urgency() == Urgency.EMERGENCY) {
            reasons.addAll(byRules.reasons());
            if (emergency >= bar) {
                reasons.add(modelReason(opinion, Urgency.EMERGENCY, threshold));
            }
            return new Classification(Urgency.EMERGENCY, Math.max(byRules.confidence(), emergency), reasons,
                    true, false);
        }
        if (emergency >= bar) {
            reasons.add(modelReason(opinion, Urgency.EMERGENCY, threshold));
            reasons.addAll(meaningful(byRules.reasons()));
            return new Classification(Urgency.EMERGENCY, emergency, reasons, true, false);
        }
        double autoReply = opinion.probability(Kind.AUTO_REPLY);
        if (autoReply >= AUTO_REPLY_THRESHOLD && verdict.basis() != Basis.URGENT_WORDS) {
            return new Classification(Urgency.LOW, autoReply,
                    List.of(String.format(Locale.ROOT, "reads like an automatic message (model %.2f)", autoReply)),
                    false, true);
        }

        Urgency urgency;
        double confidence;
        if (verdict.basis() == Basis.NO_SIGNAL) {
            // A hedge ("no rush") caps what the model may say at NORMAL.
            urgency = opinion.likeliestAtMost(verdict.hedged() ? Urgency.NORMAL : Urgency.HIGH);
            if (urgency == Urgency.HIGH && opinion.probability(Urgency.HIGH) < MODEL_HIGH_THRESHOLD) {
                // No word asked for speed: "today" needs the model to be sure, or it is the usual turnaround.
                urgency = opinion.likeliestAtMost(Urgency.NORMAL);
            }
            confidence = calibration.probability(urgency, opinion.probability(urgency));
            reasons.add(modelReason(opinion, urgency, threshold));
            byRules.reasons().stream().filter(r -> r.startsWith("hedged with")).findFirst()
                    .ifPresent(hedge -> reasons.add(hedge.replaceFirst(":.*", "")));
        } else {
            urgency = byRules.urgency();
            confidence = byRules.confidence();
            reasons.addAll(byRules.reasons());
        }
        if (verdict.vip().isPresent() && urgency.compareTo(Urgency.HIGH) > 0) {
            urgency = Urgency.HIGH;
            reasons.addFirst("client's VIP contact");
        }
        boolean needsResponse = byRules.needsResponse();
        double noReply = opinion.probability(Kind.NO_REPLY);
        if (needsResponse && urgency == Urgency.LOW && noReply >= NO_REPLY_THRESHOLD) {
            needsResponse = false;
            reasons.add(String.format(Locale.ROOT, "no reply expected (model %.2f)", noReply));
        }
        return new Classification(urgency, confidence, reasons, needsResponse, false);
    }

    /** A machine's notification with nothing urgent in its phrases: an EMERGENCY only if the model reads one. */
    private Classification machineNotice(MessageReceived message, Optional<ClientProfile> client,
                                        RuleVerdict verdict) {
        Judged judged = judge(message, verdict);
        Opinion opinion = judged.opinion();
        Calibration.Threshold threshold = calibration.threshold(language(verdict, client));
        double emergency = calibration.emergency(opinion.probability(Urgency.EMERGENCY));
        if (emergency < threshold.value()) {
            return verdict.classification();
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(modelReason(opinion, Urgency.EMERGENCY, threshold));
        reasons.add(verdict.classification().reasons().getFirst().replace(", nothing urgent in it", ""));
        return judged.explained(new Classification(Urgency.EMERGENCY, emergency, reasons, true, false));
    }

    /**
     * "reads like EMERGENCY (calibrated 0.74, threshold 0.41 for de): 'taking orders'", or for another urgency
     * "reads like NORMAL (calibrated 0.66; EMERGENCY 0.05, threshold 0.41 for de): ...": the probability the
     * decision went by, and the EMERGENCY threshold it was held to and why that one.
     */
    private String modelReason(Opinion opinion, Urgency urgency, Calibration.Threshold threshold) {
        List<String> cues = model.cues(opinion, urgency);
        String because = cues.isEmpty() ? "" : ": " + String.join(", ", cues.stream().map(c -> "'" + c + "'").toList());
        String scale = calibration.calibrated() ? "calibrated" : "model";
        double p = calibration.probability(urgency, opinion.probability(urgency));
        String against = urgency == Urgency.EMERGENCY ? ", " + threshold.describe()
                : String.format(Locale.ROOT, "; EMERGENCY %.2f, %s",
                        calibration.emergency(opinion.probability(Urgency.EMERGENCY)), threshold.describe());
        return String.format(Locale.ROOT, "reads like %s (%s %.2f%s)%s", urgency, scale, p, against, because);
    }

    /** "no urgency signals" says nothing once the model has spoken. */
    private static List<String> meaningful(List<String> reasons) {
        return reasons.stream().filter(r -> !r.equals("no urgency signals")).toList();
    }

    private Classification inContext(MessageReceived message, Optional<ClientProfile> client, RuleVerdict verdict,
                                     Classification decided) {
        Urgency urgency = decided.urgency();
        double confidence = decided.confidence();
        List<String> reasons = new ArrayList<>(decided.reasons());
        boolean needsResponse = decided.needsResponse();

        Optional<String> escalationWord = client.map(ClientProfile::getEscalationWord)
                .filter(w -> !w.isBlank())
                .filter(w -> containsWord(verdict.text().own(), w))
                .filter(w -> isReply(message));
        if (escalationWord.isPresent()) {
            urgency = Urgency.EMERGENCY;
            confidence = Math.max(confidence, ESCALATION_WORD);
            needsResponse = true;
            reasons.addFirst("client replied with the escalation word '" + escalationWord.get().strip() + "'");
        }

        List<ContactHistory.Contact> recent = history.before(message, REPEAT_WINDOW);
        int nth = recent.size() + 1;
        // A person asking again raises; a "thanks!" or a monitor's all-clear that happens to be the third does not.
        if (nth >= REPEAT_COUNT && !ContactHistory.isMissedCall(message) && decided.needsResponse()) {
            boolean calls = message.getChannel() == Channel.VOICE
                    && recent.stream().allMatch(c -> c.channel() == Channel.VOICE);
            Urgency raised = raise(urgency);
            reasons.add(ordinal(nth) + (calls ? " call" : " message") + " from this client in "
                    + REPEAT_WINDOW.toMinutes() + " minutes" + (raised != urgency ? ": raised to " + raised : ""));
            urgency = raised;
            needsResponse = true;
        }
        if (message.getChannel() == Channel.VOICE && !message.getBody().isBlank()) {
            Optional<ContactHistory.Contact> missed = history.missedCallBefore(message, REPEAT_WINDOW);
            if (missed.isPresent()) {
                long minutes = Duration.between(missed.get().receivedAt(), message.getReceivedAt()).toMinutes();
                Urgency raised = raise(urgency);
                reasons.add("voicemail " + minutes + (minutes == 1 ? " minute" : " minutes")
                        + " after a missed call from the same number" + (raised != urgency ? ": raised to " + raised : ""));
                urgency = raised;
                needsResponse = true;
            }
        }
        if (urgency == decided.urgency() && reasons.equals(decided.reasons())) {
            return decided;
        }
        return new Classification(urgency, confidence, reasons, needsResponse || urgency != Urgency.LOW, false);
    }

    private boolean isReply(MessageReceived message) {
        return AutoReplyDetector.header(message.getHeaders(), "In-Reply-To") != null
                || AutoReplyDetector.header(message.getHeaders(), "References") != null
                || (message.getSubject() != null && REPLY_SUBJECT.matcher(message.getSubject().strip()).find())
                || history.conversationOpenBefore(message);
    }

    private static boolean containsWord(String normalisedText, String word) {
        String needle = MessageText.normalise(word);
        return !needle.isEmpty() && Lexicon.client("(?<![\\p{L}\\p{N}])" + Pattern.quote(needle) + "(?![\\p{L}\\p{N}])")
                .matcher(normalisedText).find();
    }

    private static Urgency raise(Urgency urgency) {
        return switch (urgency) {
            case LOW -> Urgency.NORMAL;
            case NORMAL -> Urgency.HIGH;
            case HIGH, EMERGENCY -> Urgency.EMERGENCY;
        };
    }

    private static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
