package dev.afterhours.directory;

import dev.afterhours.contracts.ApiKey;
import dev.afterhours.contracts.ClientContact;
import dev.afterhours.contracts.ClientProfile;
import dev.afterhours.contracts.EscalationLevel;
import dev.afterhours.contracts.EscalationPolicy;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.QuietWindow;
import dev.afterhours.contracts.Rotation;
import dev.afterhours.contracts.SlaTarget;
import dev.afterhours.contracts.StaffMember;
import dev.afterhours.contracts.StaffTimeOff;
import dev.afterhours.contracts.Topics;
import dev.afterhours.contracts.Urgency;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * Checks directory records before they are published; every problem names its field.
 *
 * <p>URLs the system will call (a staff member's {@code webhookUrl}) are judged by an {@link OutboundUrlPolicy},
 * which knows the deployment's allow-list: {@link #withOutboundPolicy} gives the validator a service uses when it
 * saves records. The static methods check the shape of the URL only (http/https, a host, no user info), for parsing
 * a record before the saving side judges where it points.
 */
public final class DirectoryValidator {

    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A Slack conversation id: C (public channel) or G (private channel, older workspaces), upper-case. */
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CG][A-Z0-9]{6,20}");
    /** A web form's path segment: lower-case, digits and inner hyphens, so the URL needs no escaping. */
    private static final Pattern FORM_SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final DirectoryValidator SHAPE_ONLY = new DirectoryValidator(OutboundUrlPolicy.shapeOnly());

    /**
     * The longest SLA target a client may promise. Beyond it a due time means nothing to anyone, and far enough
     * beyond it ({@code PT2562047788015215H}) {@code receivedAt + target} leaves the range of {@code Instant}.
     */
    public static final Duration MAX_SLA_TARGET = Duration.ofDays(366);
    /** More rounds than this only keep waking the same people; the final action is what should come next. */
    public static final int MAX_POLICY_REPEAT = 10;

    private final OutboundUrlPolicy outbound;

    private DirectoryValidator(OutboundUrlPolicy outbound) {
        this.outbound = outbound;
    }

    /** A validator that also refuses webhook URLs the policy refuses (internal addresses not allow-listed). */
    public static DirectoryValidator withOutboundPolicy(OutboundUrlPolicy outbound) {
        return new DirectoryValidator(outbound);
    }

    /** The shape-only validator behind the static methods. */
    public static DirectoryValidator shapeOnly() {
        return SHAPE_ONLY;
    }

    public OutboundUrlPolicy outboundPolicy() {
        return outbound;
    }

    /** Shape only, see the class comment. @throws InvalidDirectoryRecordException if the record has any problem */
    public static void requireValid(SpecificRecord record) {
        SHAPE_ONLY.check(record);
    }

    /** Shape only, see the class comment. */
    public static List<String> problems(SpecificRecord record) {
        return SHAPE_ONLY.problemsOf(record);
    }

    /** @throws InvalidDirectoryRecordException if the record has any problem */
    public void check(SpecificRecord record) {
        List<String> problems = problemsOf(record);
        if (!problems.isEmpty()) {
            throw new InvalidDirectoryRecordException(problems);
        }
    }

    public List<String> problemsOf(SpecificRecord record) {
        return switch (record) {
            case ClientProfile client -> client(client);
            case StaffMember staff -> staff(staff);
            case Rotation rotation -> rotation(rotation);
            case EscalationPolicy policy -> policy(policy);
            case ApiKey key -> apiKey(key);
            default -> List.of("record: " + record.getClass().getSimpleName() + " is not a directory record");
        };
    }

    static List<String> apiKey(ApiKey key) {
        List<String> problems = new ArrayList<>();
        id("keyId", key.getKeyId(), problems);
        notBlank("name", key.getName(), problems);
        if (key.getName() != null && key.getName().length() > 200) {
            problems.add("name: at most 200 characters");
        }
        if (key.getSecretSha256() == null || !key.getSecretSha256().matches("[0-9a-f]{64}")) {
            problems.add("secretSha256: must be 64 lower-case hex digits (a SHA-256)");
        }
        if (key.getScopes().isEmpty()) {
            problems.add("scopes: a key needs at least one scope");
        }
        for (int i = 0; i < key.getClientIds().size(); i++) {
            id("clientIds[" + i + "]", key.getClientIds().get(i), problems);
        }
        id("createdBy", key.getCreatedBy(), problems);
        return problems;
    }

    static List<String> client(ClientProfile client) {
        List<String> problems = new ArrayList<>();
        id("clientId", client.getClientId(), problems);
        if (Topics.UNRESOLVED_CLIENT.equals(client.getClientId())) {
            problems.add("clientId: '" + Topics.UNRESOLVED_CLIENT + "' is reserved for messages from unknown senders");
        }
        notBlank("name", client.getName(), problems);
        id("accountManagerId", client.getAccountManagerId(), problems);
        Calendars.supportHours(client.getCalendar(), "calendar", problems);
        Set<Urgency> seen = EnumSet.noneOf(Urgency.class);
        List<SlaTarget> targets = client.getSlaPolicy().getTargets();
        for (int i = 0; i < targets.size(); i++) {
            SlaTarget target = targets.get(i);
            if (!seen.add(target.getUrgency())) {
                problems.add("slaPolicy.targets[" + i + "].urgency: " + target.getUrgency() + " has more than one target");
            }
            String field = "slaPolicy.targets[" + i + "].target";
            slaTargetWithinBound(field, duration(field, target.getTarget(), problems), problems);
        }
        int warnAt = client.getSlaPolicy().getWarnAtPercent();
        if (warnAt < 1 || warnAt > 99) {
            problems.add("slaPolicy.warnAtPercent: must be between 1 and 99, was " + warnAt);
        }
        int pageAt = client.getSlaPolicy().getPageAtPercent();
        if (pageAt != 0 && (pageAt < 1 || pageAt > 99)) {
            problems.add("slaPolicy.pageAtPercent: must be between 1 and 99, or 0 for none, was " + pageAt);
        } else if (pageAt != 0 && pageAt <= warnAt) {
            problems.add("slaPolicy.pageAtPercent: must be above warnAtPercent (" + warnAt + ") to come after the warning, was "
                    + pageAt);
        }
        List<ClientContact> contacts = client.getContacts();
        for (int i = 0; i < contacts.size(); i++) {
            ClientContact contact = contacts.get(i);
            if (contact.getEmail() == null && contact.getPhone() == null) {
                problems.add("contacts[" + i + "]: needs an email or a phone");
            }
            if (contact.getEmail() != null && !contact.getEmail().matches("[^@\\s]+@[^@\\s]+")) {
                problems.add("contacts[" + i + "].email: '" + contact.getEmail() + "' is not an email address");
            }
            if (contact.getPhone() != null && !contact.getPhone().matches("\\+[1-9][0-9]{6,14}")) {
                problems.add("contacts[" + i + "].phone: '" + contact.getPhone() + "' is not an E.164 number like +15551234567");
            }
        }
        phoneLines(client, problems);
        channelIdentities(client, problems);
        return problems;
    }

    /**
     * What a client's channel identities must not share with the other clients: a web form slug or a Slack channel
     * names exactly one client, since it decides whose a message is. Checked by whoever saves the record against the
     * directory it saves into (the admin API against its view, the seed loader across the file); a record alone
     * cannot know. A client is not compared with itself (same clientId), so saving a client again is fine.
     *
     * @return problems naming the field, empty when nothing clashes
     */
    public static List<String> clashesWithOtherClients(ClientProfile client, Collection<ClientProfile> others) {
        List<String> problems = new ArrayList<>();
        for (ClientProfile other : others) {
            if (other.getClientId().equals(client.getClientId())) {
                continue;
            }
            if (client.getFormSlug() != null && client.getFormSlug().equals(other.getFormSlug())) {
                problems.add("formSlug: '" + client.getFormSlug() + "' is already the form of client '"
                        + other.getClientId() + "'; a form slug names one client");
            }
            List<String> channels = client.getSlackChannels();
            for (int i = 0; i < channels.size(); i++) {
                if (other.getSlackChannels().contains(channels.get(i))) {
                    problems.add("slackChannels[" + i + "]: " + channels.get(i) + " is already a channel of client '"
                            + other.getClientId() + "'; a channel belongs to one client");
                }
            }
        }
        return problems;
    }

    /** Slack channel ids (each once), the form slug's shape, and the language as a well-formed BCP 47 tag. */
    private static void channelIdentities(ClientProfile client, List<String> problems) {
        List<String> channels = client.getSlackChannels();
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            if (channel == null || !SLACK_CHANNEL.matcher(channel).matches()) {
                problems.add("slackChannels[" + i + "]: '" + channel + "' is not a Slack channel id like C0123ABCD "
                        + "(the id from the channel's details, not its #name)");
            } else if (channels.indexOf(channel) != i) {
                problems.add("slackChannels[" + i + "]: " + channel + " is listed twice");
            }
        }
        String slug = client.getFormSlug();
        if (slug != null && !FORM_SLUG.matcher(slug).matches()) {
            problems.add("formSlug: '" + slug + "' must be 1 to 64 lower-case letters, digits and inner '-' (acme-shop)");
        }
        String language = client.getLanguage();
        if (language != null) {
            try {
                Locale locale = new Locale.Builder().setLanguageTag(language).build();
                if (locale.getLanguage().isEmpty()) {
                    problems.add("language: '" + language + "' names no language; give a BCP 47 tag like de or pt-BR");
                }
            } catch (IllformedLocaleException e) {
                problems.add("language: '" + language + "' is not a BCP 47 language tag like de or pt-BR");
            }
        }
    }

    /**
     * The client's own numbers: E.164, each once, and none also an emergency line, since the line decides what a
     * caller hears (voicemail, or that someone is being paged) and must mean one thing.
     */
    private static void phoneLines(ClientProfile client, List<String> problems) {
        List<String> lines = client.getPhoneLines();
        Set<String> seen = new HashSet<>();
        Set<String> emergency = new HashSet<>();
        client.getEmergencyLines().forEach(line -> emergency.add(DirectoryView.normalise(line)));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null || !line.matches("\\+[1-9][0-9]{6,14}")) {
                problems.add("phoneLines[" + i + "]: '" + line + "' is not an E.164 number like +15551234567");
                continue;
            }
            if (!seen.add(line)) {
                problems.add("phoneLines[" + i + "]: " + line + " is listed twice");
            }
            if (emergency.contains(DirectoryView.normalise(line))) {
                problems.add("phoneLines[" + i + "]: " + line + " is also one of emergencyLines; a line is either routine or for emergencies");
            }
        }
    }

    List<String> staff(StaffMember staff) {
        List<String> problems = new ArrayList<>();
        id("staffId", staff.getStaffId(), problems);
        notBlank("name", staff.getName(), problems);
        zone("zone", staff.getZone(), problems);
        if (staff.getEmail() == null && staff.getPhone() == null && staff.getWebhookUrl() == null
                && staff.getSlackUserId() == null) {
            problems.add("staff: needs at least one of email, phone, webhookUrl, slackUserId to be paged on");
        }
        if (staff.getPhone() != null && !staff.getPhone().matches("\\+[1-9][0-9]{6,14}")) {
            problems.add("phone: '" + staff.getPhone() + "' is not an E.164 number like +15551234567 (SMS and voice "
                    + "pages go to it, and replies from it are matched to the person)");
        }
        if (staff.getSlackUserId() != null && !staff.getSlackUserId().matches("[UW][A-Z0-9]{2,20}")) {
            problems.add("slackUserId: '" + staff.getSlackUserId() + "' is not a Slack member id like U024BE7LH");
        }
        if (staff.getWebhookUrl() != null
                && outbound.checkUrl(staff.getWebhookUrl()) instanceof OutboundUrlPolicy.Refused refused) {
            problems.add("webhookUrl: " + refused.reason());
        }
        if ((staff.getQuietFrom() == null) != (staff.getQuietTo() == null)) {
            problems.add("quietFrom/quietTo: give both or neither");
        }
        time("quietFrom", staff.getQuietFrom(), problems);
        time("quietTo", staff.getQuietTo(), problems);
        List<QuietWindow> quietHours = staff.getQuietHours();
        for (int i = 0; i < quietHours.size(); i++) {
            QuietWindow window = quietHours.get(i);
            String field = "quietHours[" + i + "]";
            if (window.getDays().isEmpty()) {
                problems.add(field + ".days: name at least one day, e.g. [MONDAY, TUESDAY]");
            } else if (Set.copyOf(window.getDays()).size() != window.getDays().size()) {
                problems.add(field + ".days: a day is named twice in " + window.getDays());
            }
            strictTime(field + ".from", window.getFrom(), problems);
            strictTime(field + ".to", window.getTo(), problems);
        }
        if (!staff.getWorkingHours().isEmpty() && problems.stream().noneMatch(p -> p.startsWith("zone:"))) {
            Calendars.workingHours(staff, problems);
        }
        List<StaffTimeOff> timeOff = staff.getTimeOff();
        for (int i = 0; i < timeOff.size(); i++) {
            StaffTimeOff off = timeOff.get(i);
            if (!off.getFrom().isBefore(off.getTo())) {
                problems.add("timeOff[" + i + "].to: must be after from (" + off.getFrom() + "), was " + off.getTo());
            }
        }
        List<NotificationChannel> wake = staff.getWakeChannels();
        for (int i = 0; i < wake.size(); i++) {
            NotificationChannel channel = wake.get(i);
            String missing = switch (channel) {
                case WEBHOOK -> staff.getWebhookUrl() == null ? "the person has no webhookUrl" : null;
                case EMAIL -> staff.getEmail() == null ? "the person has no email" : null;
                case SMS, VOICE -> staff.getPhone() == null ? "the person has no phone" : null;
                case SLACK -> staff.getSlackUserId() == null ? "the person has no slackUserId" : null;
            };
            if (missing != null) {
                problems.add("wakeChannels[" + i + "]: " + channel + " cannot wake this person: " + missing);
            }
            if (wake.indexOf(channel) != i) {
                problems.add("wakeChannels[" + i + "]: " + channel + " is named twice");
            }
        }
        return problems;
    }

    static List<String> rotation(Rotation rotation) {
        List<String> problems = new ArrayList<>();
        id("rotationId", rotation.getRotationId(), problems);
        notBlank("name", rotation.getName(), problems);
        if (RotationSchedules.isLayered(rotation)) {
            try {
                RotationSchedules.schedule(rotation);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            return problems;
        }
        if (rotation.getMembers().isEmpty()) {
            problems.add("members: a rotation needs at least one member");
        }
        Duration shift = duration("shiftLength", rotation.getShiftLength(), problems);
        if (shift != null && shift.compareTo(Duration.ofHours(1)) < 0) {
            problems.add("shiftLength: must be at least PT1H, was " + rotation.getShiftLength());
        }
        return problems;
    }

    static List<String> policy(EscalationPolicy policy) {
        List<String> problems = new ArrayList<>();
        id("policyId", policy.getPolicyId(), problems);
        notBlank("name", policy.getName(), problems);
        List<EscalationLevel> levels = policy.getLevels();
        if (levels.isEmpty()) {
            problems.add("levels: a policy needs at least one level");
        }
        for (int i = 0; i < levels.size(); i++) {
            EscalationLevel level = levels.get(i);
            if (level.getRotationId() == null && level.getStaffIds().isEmpty()) {
                problems.add("levels[" + i + "]: needs a rotationId or staffIds");
            }
            duration("levels[" + i + "].ackTimeout", level.getAckTimeout(), problems);
            List<NotificationChannel> channels = level.getChannels();
            for (int c = 0; c < channels.size(); c++) {
                if (channels.indexOf(channels.get(c)) != c) {
                    problems.add("levels[" + i + "].channels[" + c + "]: " + channels.get(c) + " is named twice");
                }
            }
        }
        if (policy.getRepeat() < 0 || policy.getRepeat() > MAX_POLICY_REPEAT) {
            problems.add("repeat: must be between 0 and " + MAX_POLICY_REPEAT + ", was " + policy.getRepeat());
        }
        for (int i = 0; i < policy.getFinalStaffIds().size(); i++) {
            id("finalStaffIds[" + i + "]", policy.getFinalStaffIds().get(i), problems);
        }
        return problems;
    }

    /** A target that parses must also be one a due time can be computed from: at most {@link #MAX_SLA_TARGET}. */
    private static void slaTargetWithinBound(String field, Duration target, List<String> problems) {
        if (target != null && target.compareTo(MAX_SLA_TARGET) > 0) {
            problems.add(field + ": must be at most " + MAX_SLA_TARGET.toDays() + " days (" + MAX_SLA_TARGET
                    + "), was " + target);
        }
    }

    private static void id(String field, String value, List<String> problems) {
        if (value == null || !ID.matcher(value).matches()) {
            problems.add(field + ": '" + value + "' is not an id (letters, digits, '.', '_', '-'; at most 64)");
        }
    }

    private static void notBlank(String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": must not be blank");
        }
    }

    private static void zone(String field, String value, List<String> problems) {
        try {
            ZoneId.of(value);
        } catch (RuntimeException e) {
            problems.add(field + ": unknown zone '" + value + "'");
        }
    }

    private static void time(String field, String value, List<String> problems) {
        if (value == null) {
            return;
        }
        try {
            LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(field + ": '" + value + "' is not a time of day as HH:mm");
        }
    }

    /** HH:mm exactly (two digits each), for the newer fields; {@link #time} also lets the older ones have seconds. */
    private static void strictTime(String field, String value, List<String> problems) {
        if (value == null || !HH_MM.matcher(value).matches()) {
            problems.add(field + ": '" + value + "' is not a time of day as HH:mm (00:00 to 23:59)");
        }
    }

    private static Duration duration(String field, String value, List<String> problems) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative()) {
                problems.add(field + ": must not be negative, was " + value);
            }
            return duration;
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(field + ": '" + value + "' is not an ISO-8601 duration like PT4H");
            return null;
        }
    }
}
