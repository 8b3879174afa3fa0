package dev.afterhours.notifier.web;

import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.CrmNoteAdded;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.notifier.acklink.AckLinks;
import dev.afterhours.notifier.crm.CrmNotes;
import dev.afterhours.notifier.ledger.Acknowledgements;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.oncall.StaffDirectory;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed acknowledgement link of a page, {@code /api/v1/notifications/{id}/ack-link?staff&exp&kid&sig}, opened
 * without a sign-in: the signature is the authentication (the path is in {@code afterhours.security.public-paths}).
 *
 * <p>{@code GET} only shows a confirmation page, with the client's pinned and latest CRM notes (escaped), whose
 * form {@code POST}s to the same URL, so a mail scanner or a
 * link preview that fetches the link acknowledges nothing. {@code POST} acknowledges as the person the link names,
 * exactly like the signed-in API. Answers are HTML, or JSON (problem details for errors) when the caller asks for
 * {@code application/json}: 403 for a forged link (any changed field, a bad signature, a key we do not hold) or a
 * person no longer in the directory, 410 for an expired link or a notification already acknowledged (a link works
 * once), 404 for a notification the ledger does not know, 400 for a note over 2000 characters. A refusal changes
 * nothing.
 *
 * <p>Single use is the ledger's: a link is spent once its notification is acknowledged, which the notifications
 * topic records and a restarted instance reads back. {@link Acknowledgements#acknowledge} checks and records under
 * one lock, so of two concurrent POSTs one acknowledges and the other gets 410.
 */
@RestController
@RequestMapping("/api/v1/notifications/{notificationId}/ack-link")
public class AckLinkController {

    /** What the OpenAPI description says of the refusals both methods share; the signature is the sign-in. */
    private static final String AS_JSON = " (an HTML page, or a problem detail when the caller asks for JSON)";
    private static final String FORGED = "A link Afterhours did not sign, or one that was changed, or for someone "
            + "no longer in the directory" + AS_JSON;
    private static final String UNKNOWN = "No notification with this id is known" + AS_JSON;
    private static final String GONE = "The link has expired, or the page was already acknowledged (a link works "
            + "once), or its incident resolved" + AS_JSON;

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final AckLinks links;
    private final Acknowledgements acknowledgements;
    private final NotificationLedger ledger;
    private final StaffDirectory directory;
    private final CrmNotes notes;

    public AckLinkController(AckLinks links, Acknowledgements acknowledgements, NotificationLedger ledger,
            StaffDirectory directory, CrmNotes notes) {
        this.links = links;
        this.acknowledgements = acknowledgements;
        this.ledger = ledger;
        this.directory = directory;
        this.notes = notes;
    }

    /** What checking a link came to. */
    private sealed interface Check {
    }

    /** A refusal: status, a short reason for machines ({@code forged}, {@code expired}, ...), words for people. */
    private record Refusal(HttpStatus status, String reason, String title, String detail) implements Check {
    }

    /** What a GET answers in JSON: the link is genuine and unused; with the client's notes, as the page has them. */
    public record LinkView(String notificationId, String staffId, String expiresAt, boolean acknowledged, String hint,
                           List<NoteView> crmNotes) {
    }

    /** A CRM note as the ack page shows it. */
    public record NoteView(String noteId, String text, String author, boolean pinned, String changedAt) {
        static NoteView of(CrmNoteAdded note) {
            return new NoteView(note.getNoteId(), note.getText(), note.getAuthor(), note.getPinned(),
                    CrmNotes.changedAt(note).toString());
        }
    }

    /** A link that passed every check, with what the confirmation page shows. */
    private record Checked(AckLinks.Valid link, NotificationLedger.Delivery delivery, StaffMember staff) implements Check {
    }

    /** Public (signed link): shows what is about to be acknowledged, and a button; changes nothing. */
    @GetMapping
    @ApiResponse(responseCode = "200", description = "A confirmation page (HTML), or the link's details in JSON")
    @ApiResponse(responseCode = "403", description = FORGED)
    @ApiResponse(responseCode = "404", description = UNKNOWN)
    @ApiResponse(responseCode = "410", description = GONE)
    public ResponseEntity<Object> confirm(@PathVariable String notificationId,
            @RequestParam(required = false) @Nullable String staff, @RequestParam(required = false) @Nullable String exp,
            @RequestParam(required = false) @Nullable String kid, @RequestParam(required = false) @Nullable String sig,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        boolean json = wantsJson(accept);
        Checked ok;
        switch (check(notificationId, staff, exp, kid, sig)) {
            case Refusal refusal -> {
                return refuse(refusal, json);
            }
            case Checked checked -> ok = checked;
        }
        // What whoever is on call should know: the pinned notes, then the latest others, as the page carried them.
        List<CrmNoteAdded> clientNotes = notes.forPage(ok.delivery().clientId());
        if (json) {
            return respond(HttpStatus.OK, new LinkView(notificationId, ok.link().staffId(), ok.link().expiresAt().toString(),
                    false, "POST to this URL to acknowledge", clientNotes.stream().map(NoteView::of).toList()));
        }
        return html(HttpStatus.OK, Html.page("Acknowledge this page?", """
                <h1>Acknowledge this page?</h1>
                <p><strong>%s</strong>: %s</p>
                <p>You acknowledge as <strong>%s</strong>. This stops escalation to the next level. The link works once, \
                until %s.</p>
                <form method="post">
                <p><label for="note">Note (optional)</label><br>
                <textarea id="note" name="note" rows="3" maxlength="%d"></textarea></p>
                <p><button type="submit">Acknowledge</button></p>
                </form>
                %s""".formatted(Html.escape(clientName(ok.delivery().clientId())), Html.escape(summary(ok.delivery())),
                Html.escape(ok.staff().getName()), ok.link().expiresAt(), NotificationController.MAX_NOTE,
                notesSection(clientName(ok.delivery().clientId()), clientNotes))));
    }

    /** The client's notes, every string escaped: a note is text staff typed, never markup. */
    static String notesSection(String clientName, List<CrmNoteAdded> clientNotes) {
        if (clientNotes.isEmpty()) {
            return "<h2>Notes</h2>\n<p>No CRM notes for " + Html.escape(clientName) + " yet.</p>\n";
        }
        StringBuilder html = new StringBuilder("<h2>Notes on ").append(Html.escape(clientName)).append("</h2>\n<ul>\n");
        for (CrmNoteAdded note : clientNotes) {
            html.append("<li class=\"note\">").append(note.getPinned() ? "<strong>Pinned:</strong> " : "")
                    .append(Html.escape(note.getText())).append("<br><small>").append(Html.escape(note.getAuthor()))
                    .append(", ").append(CrmNotes.changedAt(note)).append("</small></li>\n");
        }
        return html.append("</ul>\n").toString();
    }

    /** Public (signed link): acknowledges as the person the link names, once. */
    @PostMapping
    @ApiResponse(responseCode = "200", description = "Acknowledged as the person the link names (HTML, or JSON)")
    @ApiResponse(responseCode = "400", description = "A note over " + NotificationController.MAX_NOTE
            + " characters" + AS_JSON)
    @ApiResponse(responseCode = "403", description = FORGED)
    @ApiResponse(responseCode = "404", description = UNKNOWN)
    @ApiResponse(responseCode = "410", description = GONE)
    public ResponseEntity<Object> acknowledge(@PathVariable String notificationId,
            @RequestParam(required = false) @Nullable String staff, @RequestParam(required = false) @Nullable String exp,
            @RequestParam(required = false) @Nullable String kid, @RequestParam(required = false) @Nullable String sig,
            @RequestParam(required = false) @Nullable String note,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        boolean json = wantsJson(accept);
        Checked ok;
        switch (check(notificationId, staff, exp, kid, sig)) {
            case Refusal refusal -> {
                return refuse(refusal, json);
            }
            case Checked checked -> ok = checked;
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > NotificationController.MAX_NOTE) {
            return refuse(new Refusal(HttpStatus.BAD_REQUEST, "note", "Note too long", "note: at most "
                    + NotificationController.MAX_NOTE + " characters, was " + text.length()), json);
        }
        return switch (acknowledgements.acknowledge(notificationId, ok.link().staffId(), false, text)) {
            case Acknowledgements.Recorded recorded -> {
                NotificationLedger.Ack ack = recorded.ack();
                if (json) {
                    yield respond(HttpStatus.OK, NotificationController.AckResponse.of(ack, false));
                }
                yield html(HttpStatus.OK, Html.page("Acknowledged", """
                        <h1>Acknowledged</h1>
                        <p>Thank you, %s. <strong>%s</strong>: %s is yours; nobody else will be paged for it.</p>
                        <p>Recorded at %s.</p>
                        """.formatted(Html.escape(ok.staff().getName()), Html.escape(clientName(ack.clientId())),
                        Html.escape(summary(ok.delivery())), ack.acknowledgedAt())));
            }
            case Acknowledgements.AlreadyAcknowledged repeat -> refuse(used(repeat.ack()), json);
            case Acknowledgements.UnknownNotification unknown -> refuse(unknown(), json);
            case Acknowledgements.NotPaged notPaged -> refuse(forged("the link names someone not paged for it"), json);
            case Acknowledgements.IncidentResolved resolved -> refuse(resolved(resolved.resolution()), json);
        };
    }

    /** Every check but the write. */
    private Check check(String notificationId, @Nullable String staff, @Nullable String exp, @Nullable String kid,
            @Nullable String sig) {
        AckLinks.Verdict verdict = links.verify(notificationId, staff, exp, kid, sig);
        AckLinks.Valid link;
        switch (verdict) {
            case AckLinks.Forged forged -> {
                return forged(forged.why());
            }
            case AckLinks.Expired expired -> {
                return new Refusal(HttpStatus.GONE, "expired", "This link has expired",
                        "The link expired at " + expired.expiredAt() + ". If the page still needs you, sign in and "
                                + "acknowledge it there, or ask whoever is on call.");
            }
            case AckLinks.Valid valid -> link = valid;
        }
        Optional<NotificationLedger.Delivery> delivery = ledger.delivery(notificationId);
        if (delivery.isEmpty()) {
            return unknown();
        }
        if (!delivery.get().staffId().equals(link.staffId())) {
            return forged("signed for someone who did not receive this notification");
        }
        Optional<NotificationLedger.Ack> ack = ledger.ack(notificationId);
        if (ack.isPresent()) {
            return used(ack.get());
        }
        Optional<NotificationLedger.Resolution> resolution = ledger.resolution(delivery.get().escalationId());
        if (resolution.isPresent()) {
            return resolved(resolution.get());
        }
        Optional<StaffMember> person = directory.staff(link.staffId());
        if (person.isEmpty()) {
            return new Refusal(HttpStatus.FORBIDDEN, "not-staff", "Not a staff member",
                    "'" + link.staffId() + "' is no longer a staff member in the directory.");
        }
        return new Checked(link, delivery.get(), person.get());
    }

    private static Refusal forged(String why) {
        // The reason stays in the detail for the person holding the link; it says nothing a forger could use.
        return new Refusal(HttpStatus.FORBIDDEN, "forged", "This link is not valid",
                "The link is not one Afterhours signed, or it was changed (" + why + "). Open the link exactly as the "
                        + "page gave it.");
    }

    private static Refusal used(NotificationLedger.Ack ack) {
        return new Refusal(HttpStatus.GONE, "used", "Already acknowledged",
                "This page was acknowledged by " + ack.staffId() + " at " + ack.acknowledgedAt()
                        + "; a link works once.");
    }

    private static Refusal resolved(NotificationLedger.Resolution resolution) {
        return new Refusal(HttpStatus.GONE, "resolved", "Already resolved",
                "This incident was resolved by " + resolution.staffId() + " at " + resolution.resolvedAt()
                        + "; nothing is left to acknowledge.");
    }

    private static Refusal unknown() {
        return new Refusal(HttpStatus.NOT_FOUND, "unknown", "Unknown page",
                "No notification with this id is known (it may be older than the ledger window).");
    }

    private String clientName(String clientId) {
        return directory.client(clientId).map(ClientProfile::getName).orElse(clientId);
    }

    private String summary(NotificationLedger.Delivery delivery) {
        return ledger.track(delivery.escalationId()).map(NotificationLedger.Track::summary).filter(s -> !s.isBlank())
                .orElse("escalation " + delivery.escalationId());
    }

    private static ResponseEntity<Object> refuse(Refusal refusal, boolean json) {
        if (json) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.detail());
            problem.setTitle(refusal.title());
            problem.setProperty("reason", refusal.reason());
            return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .headers(AckLinkController::noStore).body(problem);
        }
        return html(refusal.status(), Html.page(refusal.title(), "<h1>" + Html.escape(refusal.title())
                + "</h1>\n<p>" + Html.escape(refusal.detail()) + "</p>\n"));
    }

    private static ResponseEntity<Object> respond(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).headers(AckLinkController::noStore)
                .body(body);
    }

    private static ResponseEntity<Object> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .headers(AckLinkController::noStore).body(page);
    }

    /** The URL is a credential: not cached, not sent on as a referrer, not indexed, not framed. */
    private static void noStore(HttpHeaders headers) {
        headers.setCacheControl("no-store");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Robots-Tag", "noindex, nofollow");
        headers.set("Content-Security-Policy", CSP);
    }

    /** JSON only when the caller prefers it to HTML; browsers, and callers that say nothing, get HTML. */
    static boolean wantsJson(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return false;
        }
        double html = -1;
        double json = -1;
        for (MediaType type : types) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue; // */* and text/* say nothing: HTML
            }
            if (type.isCompatibleWith(MediaType.TEXT_HTML)) {
                html = Math.max(html, type.getQualityValue());
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return json > 0 && json > html;
    }

    /** Escaping for the few strings the answers carry. */
    static final class Html {

        private Html() {
        }

        static String page(String title, String body) {
            return """
                    <!doctype html>
                    <html lang="en">
                    <head>
                    <meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <meta name="robots" content="noindex, nofollow">
                    <title>%s - Afterhours</title>
                    <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.4}\
                    button{font-size:1.25rem;padding:.75rem 1.5rem}textarea{width:100%%;font-size:1rem}.note{white-space:pre-wrap;margin-bottom:.5rem}</style>
                    </head>
                    <body>
                    %s</body>
                    </html>
                    """.formatted(escape(title), body);
        }

        static String escape(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }
}
