package dev.afterhours.ingest.webform;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.Direction;
import dev.afterhours.ingest.message.InboundMessage;
import dev.afterhours.ingest.message.IntakeResult;
import dev.afterhours.ingest.message.MessageIntake;
import dev.afterhours.ingest.message.NotReadyException;
import dev.afterhours.ingest.message.PipelineBehindException;
import dev.afterhours.ingest.webform.WebFormMetrics.Outcome;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A client's web form, from the slug in its URL to one WEBFORM message: which client it is, its token, the checks of
 * what was sent, and the message. The slug names the client (as a phone line does for a call), whoever fills the form
 * in; the sender's e-mail address or phone number is who it is from (the counterpart it is threaded by). The
 * severity choice travels as the header {@link Severity#HEADER}. A form is routine: backpressure applies.
 */
public final class WebFormIntake {

    public static final String PROVIDER = "webform";
    public static final String SLUG = "x-afterhours-webform-slug";
    public static final String SENDER_NAME = "x-afterhours-webform-name";
    public static final String LANGUAGE = "x-afterhours-webform-language";
    /** The longest description taken. */
    public static final int MAX_TEXT = 5000;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9(][0-9 ()./-]{5,24}");

    private final MessageIntake intake;
    private final Supplier<? extends Collection<ClientProfile>> clients;
    private final Supplier<Boolean> directoryLoaded;
    private final @Nullable FormTokens tokens;
    private final FormRateLimiter rateLimiter;
    private final WebFormMetrics metrics;
    private final Clock clock;

    /** @param tokens null when no token key is configured: every form answers that it is not available */
    public WebFormIntake(MessageIntake intake, Supplier<? extends Collection<ClientProfile>> clients,
            Supplier<Boolean> directoryLoaded, @Nullable FormTokens tokens, FormRateLimiter rateLimiter,
            WebFormMetrics metrics, Clock clock) {
        this.intake = intake;
        this.clients = clients;
        this.directoryLoaded = directoryLoaded;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What was sent, checked: the sender's contact (normalised), name, text and severity. */
    public record Submission(String contact, @Nullable String name, String what, Severity severity) {
    }

    /**
     * @throws WebFormsNotConfiguredException without a token key
     * @throws NotReadyException              while the directory is loading (a slug would look unknown)
     */
    public Optional<ClientProfile> client(String slug) {
        if (tokens == null) {
            throw new WebFormsNotConfiguredException();
        }
        if (!directoryLoaded.get()) {
            throw new NotReadyException("the directory is still loading");
        }
        // The directory keeps a slug to one client; should two still claim it, the lowest clientId, every time.
        return clients.get().stream().filter(client -> slug.equals(client.getFormSlug()))
                .min(Comparator.comparing(ClientProfile::getClientId));
    }

    public String issueToken(String slug) {
        return configuredTokens().issue(slug);
    }

    public FormTokens.Checked checkToken(String slug, @Nullable String token) {
        return token == null || token.isBlank() ? new FormTokens.Checked(FormTokens.Verdict.FORGED, "")
                : configuredTokens().check(slug, token.strip());
    }

    /** @return 0 if this address may post a form now, else the seconds until it may */
    public long secondsToWait(String address) {
        return rateLimiter.secondsToWait(address);
    }

    public void count(Outcome outcome) {
        metrics.post(outcome);
    }

    /** @return field name to what is wrong with it, in the form's language; empty when the submission is fine */
    public Map<String, String> problems(Map<String, String> fields, FormTexts texts) {
        Map<String, String> problems = new LinkedHashMap<>();
        String contact = fields.getOrDefault(FormPages.CONTACT, "").strip();
        if (contact.isEmpty()) {
            problems.put(FormPages.CONTACT, texts.required());
        } else if (contact(contact).isEmpty()) {
            problems.put(FormPages.CONTACT, texts.badContact());
        }
        if (fields.getOrDefault(FormPages.NAME, "").strip().length() > 200) {
            problems.put(FormPages.NAME, texts.tooLong().formatted(200));
        }
        String what = fields.getOrDefault(FormPages.WHAT, "").strip();
        if (what.isEmpty()) {
            problems.put(FormPages.WHAT, texts.required());
        } else if (what.length() > MAX_TEXT) {
            problems.put(FormPages.WHAT, texts.tooLong().formatted(MAX_TEXT));
        }
        if (Severity.of(fields.getOrDefault(FormPages.SEVERITY, "")).isEmpty()) {
            problems.put(FormPages.SEVERITY, texts.badSeverity());
        }
        return problems;
    }

    /** The fields as a submission; call once {@link #problems} found none. */
    public Submission submission(Map<String, String> fields) {
        String name = fields.getOrDefault(FormPages.NAME, "").strip();
        return new Submission(contact(fields.get(FormPages.CONTACT).strip()).orElseThrow(), name.isEmpty() ? null : name,
                fields.get(FormPages.WHAT).strip(), Severity.of(fields.get(FormPages.SEVERITY)).orElseThrow());
    }

    /**
     * Publishes the form as one message. The page's token nonce is its id: the same page sent twice (a double click,
     * the back button) is one message.
     *
     * @throws PipelineBehindException when the pipeline is behind (a form is routine)
     * @see MessageIntake#ingest for the other failures
     */
    public IntakeResult publish(ClientProfile client, String nonce, Submission submission) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Severity.HEADER, submission.severity().value());
        headers.put(SLUG, client.getFormSlug() == null ? "" : client.getFormSlug());
        headers.put(LANGUAGE, FormTexts.forLanguage(client.getLanguage()).lang());
        if (submission.name() != null) {
            headers.put(SENDER_NAME, submission.name());
        }
        String firstLine = submission.what().lines().findFirst().orElse("").strip();
        String subject = "Web form: " + (firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine);
        InboundMessage message = new InboundMessage(Channel.WEBFORM, Direction.INBOUND, PROVIDER,
                client.getFormSlug() + ":" + nonce, submission.contact(), List.of(), subject, submission.what(),
                clock.instant(), List.of(), headers, null, null);
        IntakeResult result;
        try {
            result = intake.ingestForClient(message, client.getClientId());
        } catch (PipelineBehindException e) {
            metrics.post(Outcome.THROTTLED);
            throw e;
        } catch (RuntimeException e) {
            metrics.post(Outcome.FAILED);
            throw e;
        }
        metrics.post(result.status() == IntakeResult.Status.ACCEPTED ? Outcome.ACCEPTED : Outcome.DUPLICATE);
        return result;
    }

    /** An e-mail address (lower-cased) or a phone number (digits and a leading +), else empty. */
    static Optional<String> contact(String contact) {
        if (contact.length() <= 254 && EMAIL.matcher(contact).matches()) {
            return Optional.of(contact.toLowerCase(Locale.ROOT));
        }
        if (PHONE.matcher(contact).matches()) {
            String digits = contact.replaceAll("[^0-9+]", "");
            if (digits.replace("+", "").length() >= 6 && digits.lastIndexOf('+') <= 0) {
                return Optional.of(digits);
            }
        }
        return Optional.empty();
    }

    private FormTokens configuredTokens() {
        if (tokens == null) {
            throw new WebFormsNotConfiguredException();
        }
        return tokens;
    }

    /** No token key: the forms are off. */
    public static final class WebFormsNotConfiguredException extends RuntimeException {
        public WebFormsNotConfiguredException() {
            super("web forms are not configured on this service: set afterhours.ingest.webform.token-key "
                    + "(env AFTERHOURS_INGEST_WEBFORM_TOKEN_KEY) to a secret of at least 32 characters");
        }
    }
}
